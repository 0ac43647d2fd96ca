package io.trunkline.platform.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The digest computation against the RFCs' worked examples, and the choice of challenge. */
class DigestTest {

  static final String RFC7616_NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
  static final String RFC7616_OPAQUE = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
  static final String RFC7616_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

  static String rfc7616Challenge(String algorithm) {
    // RFC 7616 3.9.1, as the server writes it (folded over lines).
    return "Digest\r\n    realm=\"http-auth@example.org\",\r\n    qop=\"auth, auth-int\",\r\n"
        + "    algorithm="
        + algorithm
        + ",\r\n    nonce=\""
        + RFC7616_NONCE
        + "\",\r\n    opaque=\""
        + RFC7616_OPAQUE
        + "\"";
  }

  @Test
  void rfc7616Sha256AndMd5Examples() {
    for (String[] v :
        new String[][] {
          {"SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"},
          {"MD5", "8ca523f5e9506fed4657c9700eebdbec"}
        }) {
      DigestChallenge c = DigestChallenge.parse(rfc7616Challenge(v[0]));
      assertThat(c.realm()).isEqualTo("http-auth@example.org");
      assertThat(c.qopAuth()).isTrue();
      DigestAnswer a =
          Digest.answer(c, "GET", "/dir/index.html", "Mufasa", "Circle of Life", 1, RFC7616_CNONCE);
      assertThat(a.response()).as(v[0]).isEqualTo(v[1]);
      assertThat(a.nc()).isEqualTo("00000001");
      assertThat(a.algorithm()).isEqualTo(v[0]);
      assertThat(a.opaque()).isEqualTo(RFC7616_OPAQUE);
    }
  }

  @Test
  void rfc2617Example() {
    DigestChallenge c =
        DigestChallenge.parse(
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\","
                + " opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
    DigestAnswer a =
        Digest.answer(c, "GET", "/dir/index.html", "Mufasa", "Circle Of Life", 1, "0a4f113b");
    assertThat(a.response()).isEqualTo("6629fae49393a05397450978507c4ef1");
    assertThat(a.algorithm()).as("not named by the challenge, not sent").isNull();
    assertThat(
            Digest.response(
                DigestAlgorithm.MD5,
                "Mufasa",
                "testrealm@host.com",
                "Circle Of Life",
                "GET",
                "/dir/index.html",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                "00000001",
                "0a4f113b"))
        .isEqualTo("6629fae49393a05397450978507c4ef1");
  }

  @Test
  void withoutQopTheOlderFormulaIsUsed() {
    // RFC 2069's example as corrected by its erratum (password "CircleOfLife"), no qop.
    DigestChallenge c =
        DigestChallenge.parse(
            "Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"");
    DigestAnswer a =
        Digest.answer(c, "GET", "/dir/index.html", "Mufasa", "CircleOfLife", 1, Digest.newCnonce());
    assertThat(a.response()).isEqualTo("1949323746fe6a43ef61f9606e7febea");
    assertThat(a.qop()).isNull();
    assertThat(a.cnonce()).isNull();
    assertThat(a.toHeaderValue())
        .doesNotContain("qop")
        .doesNotContain("cnonce")
        .doesNotContain("nc=");
  }

  @Test
  void theHeaderValueCarriesEveryParameterAndReadsBack() {
    DigestChallenge c = DigestChallenge.parse(rfc7616Challenge("SHA-256"));
    DigestAnswer a =
        Digest.answer(c, "REGISTER", "sip:example.org", "al\"ice", "pw", 3, Digest.newCnonce());
    Map<String, String> p = DigestChallenge.parameters(a.toHeaderValue());
    assertThat(p)
        .containsEntry("username", "al\"ice")
        .containsEntry("realm", "http-auth@example.org")
        .containsEntry("nonce", RFC7616_NONCE)
        .containsEntry("uri", "sip:example.org")
        .containsEntry("response", a.response())
        .containsEntry("algorithm", "SHA-256")
        .containsEntry("qop", "auth")
        .containsEntry("nc", "00000003")
        .containsEntry("cnonce", a.cnonce())
        .containsEntry("opaque", RFC7616_OPAQUE);
    assertThat(a.cnonce()).matches("[0-9a-f]{16}");
    assertThat(
            Digest.answer(c, "REGISTER", "sip:example.org", "alice", "pw", 1, Digest.newCnonce())
                .cnonce())
        .as("a fresh client nonce per answer")
        .isNotEqualTo(a.cnonce());
  }

  @Test
  void challengesThatCannotBeAnsweredAreRecognised() {
    assertThat(DigestChallenge.parse("Basic realm=\"r\"")).isNull();
    assertThat(DigestChallenge.parse("Digestive realm=\"r\", nonce=\"n\"")).isNull();
    assertThat(DigestChallenge.parse("Digest realm=\"r\"")).as("no nonce").isNull();
    assertThat(DigestChallenge.parse(null)).isNull();
    DigestChallenge sess =
        DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess");
    assertThat(sess.answerable(null)).isFalse();
    DigestChallenge evil = DigestChallenge.parse("Digest realm=\"evil\", nonce=\"n\"");
    assertThat(evil.answerable("good")).isFalse();
    assertThat(evil.answerable(null)).isTrue();
    assertThat(DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"").qopAuth())
        .isFalse();
    assertThat(DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", stale=TRUE").stale())
        .isTrue();
  }

  @Test
  void sha256IsPreferredAndTheTrunksRealmIsRequired() {
    DigestChallenge md5 = DigestChallenge.of("r", "n1", null, null, "auth", false);
    DigestChallenge sha = DigestChallenge.of("r", "n2", null, "SHA-256", "auth", false);
    DigestChallenge other = DigestChallenge.of("other", "n3", null, "SHA-256", "auth", false);
    DigestChallenge sess = DigestChallenge.of("r", "n4", null, "SHA-256-sess", "auth", false);
    assertThat(Digest.pick(List.of(md5, sha), "r")).isSameAs(sha);
    assertThat(Digest.pick(List.of(md5, other), "r")).isSameAs(md5);
    assertThat(Digest.pick(List.of(other, md5), null)).isSameAs(other);
    assertThat(Digest.pick(List.of(sess, other), "r")).isNull();
  }
}
