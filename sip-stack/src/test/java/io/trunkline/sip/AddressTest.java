package io.trunkline.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressTest {
  @Test
  void sipUri() {
    SipUri u = SipUri.parse("sip:alice:pw@atlanta.example.com:5070;transport=tcp;lr?subject=x");
    assertThat(u.scheme()).isEqualTo("sip");
    assertThat(u.user()).isEqualTo("alice");
    assertThat(u.password()).isEqualTo("pw");
    assertThat(u.host()).isEqualTo("atlanta.example.com");
    assertThat(u.port()).isEqualTo(5070);
    assertThat(u.param("transport")).isEqualTo("tcp");
    assertThat(u.param("lr")).isEmpty();
    assertThat(u.param("maddr")).isNull();
    assertThat(u.headers()).isEqualTo("subject=x");
    assertThat(u.toString())
        .isEqualTo("sip:alice:pw@atlanta.example.com:5070;transport=tcp;lr?subject=x");

    SipUri v6 = SipUri.parse("sip:[2001:db8::1]:5080");
    assertThat(v6.host()).isEqualTo("2001:db8::1");
    assertThat(v6.port()).isEqualTo(5080);
    assertThat(v6.withParam("lr", null).toString()).isEqualTo("sip:[2001:db8::1]:5080;lr");

    SipUri h = SipUri.parse("sip:example.com");
    assertThat(h.user()).isNull();
    assertThat(h.port()).isEqualTo(-1);
    SipUri tel = SipUri.parse("tel:+15551234;phone-context=example.com");
    assertThat(tel.scheme()).isEqualTo("tel");
    assertThat(tel.user()).isEqualTo("+15551234");
    assertThat(tel.host()).isNull();
    assertThatThrownBy(() -> SipUri.parse("sip:host:99999"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SipUri.parse("nocolon")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void endpointFromUri() {
    assertThat(Endpoint.of(SipUri.parse("sip:a@10.0.0.1;transport=TCP"), Transport.UDP))
        .isEqualTo(new Endpoint(Transport.TCP, "10.0.0.1", 5060));
    assertThat(Endpoint.of(SipUri.parse("sip:[::1]:5070"), Transport.UDP))
        .isEqualTo(new Endpoint(Transport.UDP, "::1", 5070));
  }

  @Test
  void nameAddr() {
    NameAddr a = NameAddr.parse("\"Bob \\\"B\\\"\" <sip:bob@h;transport=udp>;tag=abc;expires=60");
    assertThat(a.display()).isEqualTo("Bob \"B\"");
    assertThat(a.uri().param("transport")).isEqualTo("udp");
    assertThat(a.tag()).isEqualTo("abc");
    assertThat(a.param("expires")).isEqualTo("60");
    NameAddr token = NameAddr.parse("Bob <sip:bob@h>");
    assertThat(token.display()).isEqualTo("Bob");
    NameAddr spec = NameAddr.parse("sip:bob@h;tag=1");
    assertThat(spec.uriText()).isEqualTo("sip:bob@h");
    assertThat(spec.tag()).isEqualTo("1");
    assertThat(spec.withTag("2").toString()).isEqualTo("<sip:bob@h>;tag=2");
    assertThat(NameAddr.parse("<sip:bob@h>").withTag("x").toString())
        .isEqualTo("<sip:bob@h>;tag=x");
    assertThat(a.withTag("z").toString())
        .isEqualTo("\"Bob \\\"B\\\"\" <sip:bob@h;transport=udp>;tag=z;expires=60");
    assertThatThrownBy(() -> NameAddr.parse("\"unterminated <sip:a@h>"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NameAddr.parse("<sip:a@h"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void via() {
    Via v =
        Via.parse("SIP / 2.0 / udp  [2001:db8::9]:5062 ; branch=z9hG4bKx ;rport;received=1.2.3.4");
    assertThat(v.transport()).isEqualTo("UDP");
    assertThat(v.host()).isEqualTo("2001:db8::9");
    assertThat(v.port()).isEqualTo(5062);
    assertThat(v.branch()).isEqualTo("z9hG4bKx");
    assertThat(v.param("rport")).isEmpty();
    assertThat(v.param("received")).isEqualTo("1.2.3.4");
    assertThat(v.rfc3261Branch()).isTrue();
    assertThat(v.withParam("rport", "7000").toString())
        .isEqualTo("SIP/2.0/UDP [2001:db8::9]:5062;branch=z9hG4bKx;rport=7000;received=1.2.3.4");
    assertThat(Via.of(Transport.TCP, "h", 5060, "z9hG4bK1").toString())
        .isEqualTo("SIP/2.0/TCP h:5060;branch=z9hG4bK1");
    assertThat(Via.parse("SIP/2.0/UDP h").sentBy()).isEqualTo("h:5060");
    assertThatThrownBy(() -> Via.parse("HTTP/1.1/TCP h"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Via.parse("SIP/2.0/UDP h:x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
