package io.trunkline.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DialogTest {
  static SipMessage invite() {
    return SipMessage.request("INVITE", "sip:bob@biloxi.example.com")
        .addHeader("Via", "SIP/2.0/UDP pc33.example.com;branch=z9hG4bK1")
        .addHeader("From", "<sip:alice@atlanta.example.com>;tag=alice-tag")
        .addHeader("To", "<sip:bob@biloxi.example.com>")
        .addHeader("Call-ID", "call-1")
        .addHeader("CSeq", "10 INVITE")
        .addHeader("Contact", "<sip:alice@10.0.0.1:5070;transport=tcp>")
        .addHeader("Record-Route", "<sip:p1.example.com;lr>, <sip:p2.example.com:5080;lr>");
  }

  static SipMessage ok(SipMessage invite) {
    return invite
        .createResponse(200, "OK")
        .setHeader("To", "<sip:bob@biloxi.example.com>;tag=bob-tag")
        .addHeader("Contact", "<sip:bob@10.0.0.2:5062>");
  }

  @Test
  void uacDialogFromThe2xx() {
    SipMessage invite = invite();
    Dialog d = Dialog.asUac(invite, ok(invite));
    assertThat(d.callId()).isEqualTo("call-1");
    assertThat(d.localTag()).isEqualTo("alice-tag");
    assertThat(d.remoteTag()).isEqualTo("bob-tag");
    assertThat(d.routeSet())
        .containsExactly("<sip:p2.example.com:5080;lr>", "<sip:p1.example.com;lr>");
    assertThat(d.remoteTarget()).isEqualTo("sip:bob@10.0.0.2:5062");

    SipMessage ack = d.createAck(10);
    assertThat(ack.method()).isEqualTo("ACK");
    assertThat(ack.cseq()).isEqualTo(10);
    assertThat(ack.requestUri()).isEqualTo("sip:bob@10.0.0.2:5062");
    SipMessage bye = d.createRequest("BYE");
    assertThat(bye.cseq()).isEqualTo(11);
    assertThat(bye.cseqMethod()).isEqualTo("BYE");
    assertThat(bye.from().tag()).isEqualTo("alice-tag");
    assertThat(bye.to().tag()).isEqualTo("bob-tag");
    assertThat(bye.headers("Route"))
        .containsExactly("<sip:p2.example.com:5080;lr>", "<sip:p1.example.com;lr>");
    assertThat(d.createRequest("INFO").cseq()).isEqualTo(12);
    assertThat(d.nextHop(Transport.UDP))
        .isEqualTo(new Endpoint(Transport.UDP, "p2.example.com", 5080));
  }

  @Test
  void uasDialogFromTheInvite() {
    Dialog d = Dialog.asUas(invite(), "bob-tag").setLocalContact("<sip:bob@10.0.0.2>");
    assertThat(d.localTag()).isEqualTo("bob-tag");
    assertThat(d.remoteTag()).isEqualTo("alice-tag");
    assertThat(d.routeSet())
        .containsExactly("<sip:p1.example.com;lr>", "<sip:p2.example.com:5080;lr>");
    SipMessage bye = d.createRequest("BYE");
    assertThat(bye.from().tag()).isEqualTo("bob-tag");
    assertThat(bye.to().tag()).isEqualTo("alice-tag");
    assertThat(bye.to().uri().user()).isEqualTo("alice");
    assertThat(bye.requestUri()).isEqualTo("sip:alice@10.0.0.1:5070;transport=tcp");
    assertThat(bye.header("Contact")).isEqualTo("<sip:bob@10.0.0.2>");
    assertThat(d.nextHop(Transport.UDP))
        .isEqualTo(new Endpoint(Transport.UDP, "p1.example.com", 5060));
  }

  @Test
  void noRoutesTargetRefreshAndStrictRouting() {
    SipMessage invite = invite().removeHeader("Record-Route");
    Dialog d = Dialog.asUas(invite, "t");
    assertThat(d.nextHop(Transport.UDP)).isEqualTo(new Endpoint(Transport.TCP, "10.0.0.1", 5070));
    d.updateTarget(invite().setHeader("Contact", "<sip:alice@10.9.9.9>"));
    assertThat(d.nextHop(Transport.UDP)).isEqualTo(new Endpoint(Transport.UDP, "10.9.9.9", 5060));

    SipMessage strictInvite = invite().setHeader("Record-Route", "<sip:strict.example.com>");
    Dialog s = Dialog.asUas(strictInvite, "t");
    SipMessage bye = s.createRequest("BYE");
    assertThat(bye.requestUri()).isEqualTo("sip:strict.example.com");
    assertThat(bye.headers("Route")).containsExactly("<sip:alice@10.0.0.1:5070;transport=tcp>");
    assertThat(s.nextHop(Transport.UDP))
        .isEqualTo(new Endpoint(Transport.UDP, "strict.example.com", 5060));
  }

  static SipMessage natedInvite() {
    return SipMessage.request("INVITE", "sip:2345@198.18.0.1")
        .addHeader("Via", "SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bK2")
        .addHeader("From", "<sip:101@192.168.1.20>;tag=pbx-tag")
        .addHeader("To", "<sip:2345@198.18.0.1>")
        .addHeader("Call-ID", "call-2")
        .addHeader("CSeq", "1 INVITE")
        .addHeader("Contact", "<sip:101@192.168.1.20:5060>");
  }

  @Test
  void aPeerBehindNatGetsInDialogRequestsWhereItsInviteCameFrom() {
    Dialog d = Dialog.asUas(natedInvite(), "our-tag");
    Endpoint router = new Endpoint(Transport.UDP, "198.18.5.2", 40123);
    d.followSourceBehindNat(router);
    assertThat(d.nextHop(Transport.UDP)).isEqualTo(router);
    // the Request-URI still names the peer's Contact: its NAT forwards by address, not by URI
    assertThat(d.createRequest("BYE").requestUri()).isEqualTo("sip:101@192.168.1.20:5060");
  }

  @Test
  void aPeerWhoseContactIsItsSourceOrWithARouteSetIsSentToAsUsual() {
    Dialog direct = Dialog.asUas(natedInvite(), "our-tag");
    direct.followSourceBehindNat(new Endpoint(Transport.UDP, "192.168.1.20", 5060));
    assertThat(direct.nextHop(Transport.UDP))
        .isEqualTo(new Endpoint(Transport.UDP, "192.168.1.20", 5060));
    Dialog routed = Dialog.asUas(invite(), "bob-tag");
    routed.followSourceBehindNat(new Endpoint(Transport.UDP, "198.18.5.2", 40123));
    assertThat(routed.nextHop(Transport.UDP))
        .isEqualTo(new Endpoint(Transport.UDP, "p1.example.com", 5060));
    Dialog overTcp = Dialog.asUas(natedInvite(), "our-tag");
    overTcp.followSourceBehindNat(new Endpoint(Transport.TCP, "198.18.5.2", 40123));
    assertThat(overTcp.nextHop(Transport.UDP))
        .isEqualTo(new Endpoint(Transport.UDP, "192.168.1.20", 5060));
  }
}
