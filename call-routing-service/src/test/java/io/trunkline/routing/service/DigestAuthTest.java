package io.trunkline.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.platform.sip.Digest;
import io.trunkline.platform.sip.DigestAlgorithm;
import io.trunkline.routing.service.call.Challenge;
import io.trunkline.routing.service.call.DigestAuth;
import javax.sip.SipFactory;
import javax.sip.header.AuthorizationHeader;
import org.junit.jupiter.api.Test;

/**
 * call-routing's adapter of the shared digest: the header text it writes (read back by JAIN-SIP's
 * parser) and the challenges it refuses. The digest itself is tested against the RFC examples in
 * the platform module, and end to end in B2buaCallTest.
 */
class DigestAuthTest {

  static AuthorizationHeader read(String value) throws Exception {
    SipFactory sip = SipFactory.getInstance();
    sip.setPathName("gov.nist");
    return (AuthorizationHeader) sip.createHeaderFactory().createHeader("Authorization", value);
  }

  @Test
  void answersTheRfc2617ChallengeWithEveryParameter() throws Exception {
    Challenge c =
        new Challenge(
            "Authorization",
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
            "INVITE",
            "sip:+442345@trunk.example");
    AuthorizationHeader h = read(DigestAuth.answer(c, "Mufasa", "Circle Of Life", null));

    assertThat(h.getUsername()).isEqualTo("Mufasa");
    assertThat(h.getRealm()).isEqualTo("testrealm@host.com");
    assertThat(h.getNonce()).isEqualTo("dcd98b7102dd2f0e8b11d0f600bfb0c093");
    assertThat(h.getOpaque()).isEqualTo("5ccc069c403ebaf9f0171e9517f40e41");
    assertThat(h.getURI().toString()).isEqualTo("sip:+442345@trunk.example");
    assertThat(h.getQop()).isEqualTo("auth");
    assertThat(h.getNonceCount()).isEqualTo(1);
    assertThat(h.getCNonce()).matches("[0-9a-f]{16}");
    assertThat(h.getResponse())
        .isEqualTo(
            Digest.response(
                DigestAlgorithm.MD5,
                "Mufasa",
                "testrealm@host.com",
                "Circle Of Life",
                "INVITE",
                "sip:+442345@trunk.example",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                "00000001",
                h.getCNonce()));
  }

  @Test
  void otherRealmUnknownAlgorithmOrNoPasswordIsNotAnswered() {
    Challenge evil =
        new Challenge("Authorization", "Digest realm=\"evil\", nonce=\"n\"", "INVITE", "sip:x@y");
    assertThat(DigestAuth.answer(evil, "u", "p", "good")).isNull();
    assertThat(DigestAuth.answer(evil, "u", null, null)).isNull();
    Challenge sha =
        new Challenge(
            "Authorization",
            "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256",
            "INVITE",
            "sip:x@y");
    assertThat(DigestAuth.answer(sha, "u", "p", null)).contains("algorithm=SHA-256");
    Challenge sess =
        new Challenge(
            "Authorization", "Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess", "INVITE", "s");
    assertThat(DigestAuth.answer(sess, "u", "p", null)).isNull();
    Challenge basic = new Challenge("Authorization", "Basic realm=\"r\"", "INVITE", "sip:x@y");
    assertThat(DigestAuth.answer(basic, "u", "p", null)).isNull();
  }
}
