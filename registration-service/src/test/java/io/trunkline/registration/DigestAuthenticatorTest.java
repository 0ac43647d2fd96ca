package io.trunkline.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.platform.sip.Digest;
import io.trunkline.platform.sip.DigestAlgorithm;
import io.trunkline.registration.sip.DigestAuthenticator;
import javax.sip.SipFactory;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/**
 * The JAIN-SIP adapter of the shared digest: which challenge of a real 401/407 it answers, and that
 * every value of the answer lands in the right header parameter (the digest itself is tested
 * against the RFC examples in the platform module; RegistrationFlowTest against a registrar).
 */
class DigestAuthenticatorTest {

  static final SipFactory SIP = sipFactory();

  static SipFactory sipFactory() {
    SipFactory f = SipFactory.getInstance();
    f.setPathName("gov.nist");
    return f;
  }

  static Response challenge(int code, String header) throws Exception {
    MessageFactory messages = SIP.createMessageFactory();
    return messages.createResponse(
        "SIP/2.0 "
            + code
            + " Challenge\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\n"
            + "From: <sip:alice@example.org>;tag=a\r\n"
            + "To: <sip:alice@example.org>;tag=b\r\n"
            + "Call-ID: digest-test\r\n"
            + "CSeq: 2 REGISTER\r\n"
            + header
            + ": Digest realm=\"example.org\", nonce=\"md5-nonce\", qop=\"auth\"\r\n"
            + header
            + ": Digest realm=\"example.org\", nonce=\"sha-nonce\", algorithm=SHA-256,"
            + " qop=\"auth,auth-int\", opaque=\"op-1\"\r\n"
            + header
            + ": Digest realm=\"elsewhere\", nonce=\"other-nonce\", algorithm=SHA-256\r\n"
            + "Content-Length: 0\r\n\r\n");
  }

  @Test
  void answersTheSha256ChallengeWithEveryParameterInPlace() throws Exception {
    HeaderFactory headers = SIP.createHeaderFactory();
    URI uri = SIP.createAddressFactory().createURI("sip:example.org:5060");

    DigestAuthenticator.Challenge c =
        DigestAuthenticator.pick(challenge(401, "WWW-Authenticate"), "example.org");
    AuthorizationHeader h =
        DigestAuthenticator.authorize(headers, c, "REGISTER", uri, "alice", "secret", 2);

    assertThat(h).isNotInstanceOf(ProxyAuthorizationHeader.class);
    assertThat(h.getScheme()).isEqualTo("Digest");
    assertThat(h.getUsername()).isEqualTo("alice");
    assertThat(h.getRealm()).isEqualTo("example.org");
    assertThat(h.getNonce()).isEqualTo("sha-nonce");
    assertThat(h.getAlgorithm()).isEqualTo("SHA-256");
    assertThat(h.getOpaque()).isEqualTo("op-1");
    assertThat(h.getQop()).isEqualTo("auth");
    assertThat(h.getNonceCount()).isEqualTo(2);
    assertThat(h.getCNonce()).matches("[0-9a-f]{16}");
    assertThat(h.getURI().toString()).isEqualTo("sip:example.org:5060");
    assertThat(h.getResponse())
        .isEqualTo(
            Digest.response(
                DigestAlgorithm.SHA_256,
                "alice",
                "example.org",
                "secret",
                "REGISTER",
                "sip:example.org:5060",
                "sha-nonce",
                "00000002",
                h.getCNonce()));
  }

  @Test
  void aProxyChallengeGetsAProxyAuthorizationAndOtherRealmsAreNotAnswered() throws Exception {
    HeaderFactory headers = SIP.createHeaderFactory();
    URI uri = SIP.createAddressFactory().createURI("sip:example.org");
    Response proxy = challenge(407, "Proxy-Authenticate");

    DigestAuthenticator.Challenge c = DigestAuthenticator.pick(proxy, null);
    assertThat(c.proxy()).isTrue();
    assertThat(DigestAuthenticator.authorize(headers, c, "REGISTER", uri, "alice", "pw", 1))
        .isInstanceOf(ProxyAuthorizationHeader.class);
    assertThat(DigestAuthenticator.pick(proxy, "nowhere.example")).isNull();
  }
}
