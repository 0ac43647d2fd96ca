package io.trunkline.sip;

/**
 * A header value that does not parse. Thrown for what peers send, so it is cheap: no stack trace (a
 * flood of bad messages must not cost a stack walk each), and its message holds the peer's text
 * only escaped and shortened ({@link SipText#forLog}).
 */
final class MalformedHeaderValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  MalformedHeaderValueException(String message) {
    super(message);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
