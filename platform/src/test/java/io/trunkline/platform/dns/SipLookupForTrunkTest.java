package io.trunkline.platform.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * How a stored trunk becomes a lookup: the configuration service always stores a port, so the
 * transport's default port on a domain means "let SRV decide", any other port pins it.
 */
class SipLookupForTrunkTest {

  @Test
  void theTransportsDefaultPortLeavesThePortToSrv() {
    assertThat(SipLookup.forTrunk("callcentric.com", 5060, "UDP"))
        .isEqualTo(new SipLookup("callcentric.com", 0, SipTransport.UDP, false));
    assertThat(SipLookup.forTrunk("sip.telnyx.com", 5061, "tls"))
        .isEqualTo(new SipLookup("sip.telnyx.com", 0, SipTransport.TLS, true));
    // 5060 is not TLS's default: an operator who wrote it means it
    assertThat(SipLookup.forTrunk("sip.telnyx.com", 5060, "TLS").port()).isEqualTo(5060);
  }

  @Test
  void anyOtherPortIsPinnedAndNoPortAtAllIsLeftToSrv() {
    assertThat(SipLookup.forTrunk("pbx.example.test", 5080, "TCP").port()).isEqualTo(5080);
    assertThat(SipLookup.forTrunk("pbx.example.test", 0, "TCP").port()).isZero();
    assertThat(SipLookup.forTrunk("pbx.example.test", 0, null))
        .isEqualTo(SipLookup.of("pbx.example.test"));
  }

  @Test
  void ipLiteralsAndLocalhostNeedNoDns() {
    assertThat(SipLookup.forTrunk("203.0.113.7", 5060, "UDP").needsDns()).isFalse();
    assertThat(SipLookup.forTrunk("[2001:db8::1]", 5060, "UDP").needsDns()).isFalse();
    assertThat(SipLookup.forTrunk("LocalHost", 5070, "UDP").needsDns()).isFalse();
    assertThat(SipLookup.forTrunk("sip.example.test", 5060, "UDP").needsDns()).isTrue();
  }

  @Test
  void anUnknownTransportIsRefused() {
    assertThatThrownBy(() -> SipLookup.forTrunk("sip.example.test", 5060, "SCTP"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
