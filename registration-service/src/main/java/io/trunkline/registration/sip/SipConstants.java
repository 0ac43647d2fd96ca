package io.trunkline.registration.sip;

/** SIP names used by this user agent. */
public final class SipConstants {

  public static final String USER_AGENT = "Trunkline-registration-service";
  public static final int MAX_FORWARDS = 70;
  public static final String DIGEST = "Digest";
  public static final String UDP = "UDP";
  public static final String TCP = "TCP";
  public static final String TLS = "TLS";
  public static final String MIN_EXPIRES = "Min-Expires";

  private SipConstants() {}
}
