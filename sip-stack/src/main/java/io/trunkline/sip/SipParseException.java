package io.trunkline.sip;

/** A message (or part of one) that does not follow the SIP grammar closely enough to be used. */
public class SipParseException extends Exception {
  private static final long serialVersionUID = 1L;

  public SipParseException(String message) {
    super(message);
  }
}
