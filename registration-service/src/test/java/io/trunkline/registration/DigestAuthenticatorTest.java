package io.trunkline.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.registration.sip.DigestAuthenticator;
import org.junit.jupiter.api.Test;

/** Known answers for the digest hash functions. */
class DigestAuthenticatorTest {

  @Test
  void rfc7616VectorsForMd5AndSha256() {
    // RFC 7616 section 3.9.1: user Mufasa, password "Circle of Life", qop=auth.
    String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    String uri = "/dir/index.html";
    for (String[] v :
        new String[][] {
          {"MD5", "8ca523f5e9506fed4657c9700eebdbec"},
          {"SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"}
        }) {
      String ha1 = DigestAuthenticator.hash(v[0], "Mufasa:http-auth@example.org:Circle of Life");
      String ha2 = DigestAuthenticator.hash(v[0], "GET:" + uri);
      String response =
          DigestAuthenticator.hash(
              v[0], ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2);
      assertThat(response).as(v[0]).isEqualTo(v[1]);
    }
  }
}
