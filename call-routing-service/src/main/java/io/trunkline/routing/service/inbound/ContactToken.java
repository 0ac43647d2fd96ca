package io.trunkline.routing.service.inbound;

/**
 * The user part that registration-service puts in a REGISTER trunk's Contact, so that an INVITE
 * sent to the registered Contact names its trunk even when several trunks share a provider's
 * addresses: {@code tl-} followed by the trunk id. Both services derive it from the trunk id alone,
 * so nothing has to travel between them; it is no secret (the source check still applies).
 */
public final class ContactToken {

  static final String PREFIX = "tl-";

  private ContactToken() {}

  /** The token of a trunk. */
  public static String of(String trunkId) {
    return PREFIX + trunkId;
  }

  /** The trunk id a Request-URI user names, or null when the user is no token. */
  public static String trunkIdOf(String user) {
    return user != null && user.length() > PREFIX.length() && user.startsWith(PREFIX)
        ? user.substring(PREFIX.length())
        : null;
  }
}
