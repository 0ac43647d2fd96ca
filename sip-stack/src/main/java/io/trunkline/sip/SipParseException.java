package io.trunkline.sip;

/**
 * A message (or part of one) that does not follow the SIP grammar closely enough to be used, or
 * that is over one of the parsing caps. The message never holds a peer's bytes unescaped, and no
 * stack trace is taken: these are thrown for what peers send, possibly in floods.
 */
public class SipParseException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Over a cap: what was read until then (start line and the headers before), else null. */
  transient SipMessage partial;

  public SipParseException(String message) {
    super(message, null, false, false);
  }
}
