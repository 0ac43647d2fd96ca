package io.trunkline.routing.sip;

/** Header names and values the B2BUA uses. */
final class SipConstants {

  static final String X_TRUNK_NAME = "X-Trunk-Name";
  static final String P_ASSERTED_IDENTITY = "P-Asserted-Identity";
  static final String REASON = "Reason";
  static final String USER_AGENT = "Trunkline-B2BUA";
  static final String CONTACT_USER = "trunkline";
  static final int MAX_FORWARDS = 70;

  private SipConstants() {}
}
