/**
 * SIP digest authentication as the client side (RFC 2617, RFC 7616, RFC 3261 section 22.4).
 *
 * <p>registration answers a registrar's 401/407 to REGISTER, call-routing a provider's 401/407 to
 * an INVITE. Both build {@link io.trunkline.platform.sip.DigestChallenge}s from their own header
 * objects (JAIN-SIP getters, or {@link io.trunkline.platform.sip.DigestChallenge#parse} of the
 * header text), let {@link io.trunkline.platform.sip.Digest} compute the {@link
 * io.trunkline.platform.sip.DigestAnswer}, and write it into their own Authorization header. The
 * client nonce comes from {@link io.trunkline.platform.crypto.SecureRandoms}.
 */
package io.trunkline.platform.sip;
