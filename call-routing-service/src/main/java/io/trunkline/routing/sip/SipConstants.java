package io.trunkline.routing.sip;

/** Methods, header names and values the B2BUA uses. */
final class SipConstants {

  static final String INVITE = "INVITE";
  static final String ACK = "ACK";
  static final String BYE = "BYE";
  static final String CANCEL = "CANCEL";
  static final String OPTIONS = "OPTIONS";
  static final String PRACK = "PRACK";
  static final String UPDATE = "UPDATE";

  static final String CONTACT = "Contact";
  static final String TO = "To";
  static final String REASON = "Reason";
  static final String ROUTE = "Route";
  static final String MAX_FORWARDS_HEADER = "Max-Forwards";
  static final String WWW_AUTHENTICATE = "WWW-Authenticate";
  static final String PROXY_AUTHENTICATE = "Proxy-Authenticate";
  static final String AUTHORIZATION = "Authorization";
  static final String PROXY_AUTHORIZATION = "Proxy-Authorization";
  static final String X_TRUNK_NAME = "X-Trunk-Name";
  static final String P_ASSERTED_IDENTITY = "P-Asserted-Identity";
  static final String RETRY_AFTER = "Retry-After";

  /** Cluster ids of the Trunkline B2BUAs an INVITE passed through (loop detection). */
  static final String LOOP_MARKER = "X-Trunkline-Loop";

  /** Body type assumed when a message carries a body without Content-Type (SDP in practice). */
  static final String DEFAULT_CONTENT_TYPE = "application/sdp";

  /** User part of our Contact URI. */
  static final String CONTACT_USER = "trunkline";

  static final String CALL_DOES_NOT_EXIST = "Call/Transaction Does Not Exist";

  private SipConstants() {}

  /**
   * The RFC 3261 reason phrase of the codes the B2BUA answers on its own, for callers that pass no
   * phrase (the JAIN-SIP message factory filled it in the same way).
   */
  static String reasonPhrase(int code) {
    return switch (code) {
      case 100 -> "Trying";
      case 180 -> "Ringing";
      case 181 -> "Call Is Being Forwarded";
      case 182 -> "Queued";
      case 183 -> "Session Progress";
      case 200 -> "OK";
      case 202 -> "Accepted";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 407 -> "Proxy Authentication Required";
      case 408 -> "Request Timeout";
      case 480 -> "Temporarily Unavailable";
      case 481 -> CALL_DOES_NOT_EXIST;
      case 482 -> "Loop Detected";
      case 483 -> "Too Many Hops";
      case 486 -> "Busy Here";
      case 487 -> "Request Terminated";
      case 488 -> "Not Acceptable Here";
      case 500 -> "Server Internal Error";
      case 503 -> "Service Unavailable";
      case 603 -> "Decline";
      default -> "";
    };
  }
}
