package io.trunkline.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.routing.service.call.Challenge;
import io.trunkline.routing.service.call.DigestAuth;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 2617's worked example and the realm rule. */
class DigestAuthTest {

  @Test
  void rfc2617ExampleWithQopAuth() {
    // RFC 2617 3.5: Mufasa / Circle Of Life, GET /dir/index.html, nc=00000001, cnonce 0a4f113b.
    String ha1 = DigestAuth.hash("MD5", "Mufasa:testrealm@host.com:Circle Of Life");
    String ha2 = DigestAuth.hash("MD5", "GET:/dir/index.html");
    String response =
        DigestAuth.hash(
            "MD5", ha1 + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:0a4f113b:auth:" + ha2);
    assertThat(response).isEqualTo("6629fae49393a05397450978507c4ef1");
    Challenge c =
        new Challenge(
            "Authorization",
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
            "GET",
            "/dir/index.html");
    Map<String, String> answer =
        DigestAuth.parse(DigestAuth.answer(c, "Mufasa", "Circle Of Life", null));
    String expected =
        DigestAuth.hash(
            "MD5",
            ha1
                + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:"
                + answer.get("cnonce")
                + ":auth:"
                + ha2);
    assertThat(answer.get("response")).isEqualTo(expected);
    assertThat(answer.get("opaque")).isEqualTo("5ccc069c403ebaf9f0171e9517f40e41");
    assertThat(answer.get("username")).isEqualTo("Mufasa");
  }

  @Test
  void otherRealmOrAlgorithmIsNotAnswered() {
    Challenge c =
        new Challenge("Authorization", "Digest realm=\"evil\", nonce=\"n\"", "INVITE", "sip:x@y");
    assertThat(DigestAuth.answer(c, "u", "p", "good")).isNull();
    Challenge sha =
        new Challenge(
            "Authorization",
            "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256",
            "INVITE",
            "sip:x@y");
    assertThat(DigestAuth.answer(sha, "u", "p", null)).contains("algorithm=SHA-256");
    Challenge basic = new Challenge("Authorization", "Basic realm=\"r\"", "INVITE", "sip:x@y");
    assertThat(DigestAuth.answer(basic, "u", "p", null)).isNull();
  }
}
