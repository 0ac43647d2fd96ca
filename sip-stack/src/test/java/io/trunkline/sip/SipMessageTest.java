package io.trunkline.sip;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SipMessageTest {
  static final String INVITE =
      "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
          + "Max-Forwards: 70\r\n"
          + "To: Bob <sip:bob@biloxi.example.com>\r\n"
          + "From: \"Alice A.\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
          + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
          + "CSeq: 314159 INVITE\r\n"
          + "Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
          + "Content-Type: application/sdp\r\n"
          + "Content-Length: 4\r\n"
          + "\r\n"
          + "v=0\n";

  static SipMessage parse(String s) throws SipParseException {
    return SipMessage.parse(s.getBytes(UTF_8));
  }

  @Test
  void parsesRequestWithBody() throws Exception {
    SipMessage m = parse(INVITE);
    assertThat(m.isRequest()).isTrue();
    assertThat(m.method()).isEqualTo("INVITE");
    assertThat(m.requestUri()).isEqualTo("sip:bob@biloxi.example.com");
    assertThat(m.callId()).isEqualTo("a84b4c76e66710@pc33.atlanta.example.com");
    assertThat(m.cseq()).isEqualTo(314159);
    assertThat(m.cseqMethod()).isEqualTo("INVITE");
    assertThat(m.from().display()).isEqualTo("Alice A.");
    assertThat(m.from().tag()).isEqualTo("1928301774");
    assertThat(m.to().tag()).isNull();
    assertThat(m.to().uri().user()).isEqualTo("bob");
    assertThat(m.topVia().host()).isEqualTo("pc33.atlanta.example.com");
    assertThat(m.topVia().port()).isEqualTo(-1);
    assertThat(m.topVia().branch()).isEqualTo("z9hG4bK776asdhds");
    assertThat(m.contentType()).isEqualTo("application/sdp");
    assertThat(new String(m.body(), UTF_8)).isEqualTo("v=0\n");
    assertThat(m.header("max-forwards")).isEqualTo("70");
    assertThat(m.header("X-Missing")).isNull();
  }

  @Test
  void parsesResponse() throws Exception {
    SipMessage m =
        parse(
            "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:b@h>;tag=x\r\n"
                + "From: <sip:a@h>;tag=y\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n\r\n");
    assertThat(m.isRequest()).isFalse();
    assertThat(m.status()).isEqualTo(180);
    assertThat(m.reason()).isEqualTo("Ringing");
    assertThat(m.body()).isEmpty();
    assertThat(
            parse(
                    "SIP/2.0 200\r\nVia: SIP/2.0/UDP h\r\nTo: <sip:b@h>\r\nFrom: <sip:a@h>\r\n"
                        + "Call-ID: c\r\nCSeq: 1 BYE\r\n\r\n")
                .reason())
        .isEmpty();
  }

  @Test
  void expandsCompactFormsAndFolding() throws Exception {
    SipMessage m =
        parse(
            "OPTIONS sip:x@h SIP/2.0\r\n"
                + "v: SIP/2.0/TCP a.example:5070;branch=z9hG4bK1\r\n"
                + "f: <sip:a@h>;tag=1\r\n"
                + "t: <sip:b@h>\r\n"
                + "i: call-1\r\n"
                + "CSeq: 7 OPTIONS\r\n"
                + "m: <sip:a@10.0.0.1>\r\n"
                + "k: timer,\r\n 100rel\r\n"
                + "s: a long\r\n\tsubject\r\n"
                + "o: presence\r\nr: <sip:c@h>\r\nu: talk\r\nx: 1800\r\ne: gzip\r\n"
                + "c: text/plain\r\n"
                + "l: 2\r\n\r\nhi");
    assertThat(m.topVia().transport()).isEqualTo("TCP");
    assertThat(m.topVia().port()).isEqualTo(5070);
    assertThat(m.callId()).isEqualTo("call-1");
    assertThat(m.header("Contact")).isEqualTo("<sip:a@10.0.0.1>");
    assertThat(m.headers("Supported")).containsExactly("timer", "100rel");
    assertThat(m.header("Subject")).isEqualTo("a long subject");
    assertThat(m.header("Event")).isEqualTo("presence");
    assertThat(m.header("Refer-To")).isEqualTo("<sip:c@h>");
    assertThat(m.header("Allow-Events")).isEqualTo("talk");
    assertThat(m.header("Session-Expires")).isEqualTo("1800");
    assertThat(m.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(m.contentType()).isEqualTo("text/plain");
    assertThat(new String(m.body(), UTF_8)).isEqualTo("hi");
    String encoded = new String(m.encode(), UTF_8);
    assertThat(encoded).contains("\r\nVia: SIP/2.0/TCP", "\r\nFrom: ", "\r\nCall-ID: call-1\r\n");
    assertThat(encoded).contains("\r\nSupported: timer, 100rel\r\n", "\r\nContent-Length: 2\r\n");
  }

  @Test
  void splitsMultiValueViaRespectingQuotesAndBrackets() throws Exception {
    SipMessage m =
        parse(
            "BYE sip:x@h SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP p1:5060;branch=z9hG4bKa, SIP/2.0/UDP p2;branch=z9hG4bKb\r\n"
                + "Via: SIP/2.0/UDP p3;branch=z9hG4bKc\r\n"
                + "Route: <sip:r1;lr>, \"A, B\" <sip:r2,x@h;lr>\r\n"
                + "From: <sip:a@h>;tag=1\r\nTo: <sip:b@h>;tag=2\r\nCall-ID: c\r\nCSeq: 2 BYE\r\n"
                + "Date: Sat, 13 Nov 2010 23:29:00 GMT\r\n\r\n");
    assertThat(m.headers("Via")).hasSize(3);
    assertThat(m.topVia().host()).isEqualTo("p1");
    assertThat(m.headers("Route")).containsExactly("<sip:r1;lr>", "\"A, B\" <sip:r2,x@h;lr>");
    assertThat(m.header("Date")).isEqualTo("Sat, 13 Nov 2010 23:29:00 GMT"); // not a list
    m.removeFirst("Via");
    assertThat(m.topVia().host()).isEqualTo("p2");
    assertThat(m.headers("Via")).hasSize(2);
    m.addHeaderFirst("Via", "SIP/2.0/UDP p0;branch=z9hG4bK0");
    assertThat(m.headers("v"))
        .extracting(v -> Via.parse(v).host())
        .containsExactly("p0", "p2", "p3");
  }

  @Test
  void parameterNamesAndTransportKeepThePeersSpelling() {
    Via via = Via.parse("SIP/2.0/udp h:5070;BRANCH=z9hG4bKa;rport;Received=10.0.0.1");
    assertThat(via.transport()).isEqualTo("UDP");
    assertThat(via.branch()).isEqualTo("z9hG4bKa");
    assertThat(via.param("received")).isEqualTo("10.0.0.1");
    assertThat(via.withParam("rport", "5070").toString())
        .isEqualTo("SIP/2.0/UDP h:5070;BRANCH=z9hG4bKa;rport=5070;Received=10.0.0.1");
    NameAddr to = NameAddr.parse("<sip:b@h;LR;transport=tcp>;Tag=x;tag2=y");
    assertThat(to.tag()).isEqualTo("x");
    assertThat(to.param("tag2")).isEqualTo("y");
    assertThat(to.withTag("z").toString()).isEqualTo("<sip:b@h;LR;transport=tcp>;Tag=z;tag2=y");
  }

  @Test
  void bodyLengthFollowsContentLength() throws Exception {
    String head =
        "MESSAGE sip:x@h SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\n"
            + "To: <sip:b@h>\r\nCall-ID: c\r\nCSeq: 1 MESSAGE\r\n";
    assertThat(parse(head + "Content-Length: 3\r\n\r\nabcdef").body()).hasSize(3); // extra dropped
    assertThat(parse(head + "\r\nabcdef").body()).hasSize(6); // UDP without Content-Length
    assertThatThrownBy(() -> parse(head + "Content-Length: 10\r\n\r\nabc"))
        .isInstanceOf(SipParseException.class)
        .hasMessageContaining("Content-Length 10");
    assertThatThrownBy(() -> parse(head + "Content-Length: x\r\n\r\n"))
        .hasMessageContaining("bad Content-Length");
  }

  @Test
  void malformedInputIsRejectedWithClearMessage() {
    String ok = INVITE;
    assertThatThrownBy(
            () -> parse(ok.replace("Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n", "")))
        .isInstanceOf(SipParseException.class)
        .hasMessage("missing Call-ID header");
    assertThatThrownBy(() -> parse(ok.replace("CSeq: 314159 INVITE\r\n", "")))
        .hasMessage("missing CSeq header");
    assertThatThrownBy(() -> parse(ok.replaceFirst("Via: [^\r]*\r\n", "")))
        .hasMessage("missing Via header");
    assertThatThrownBy(() -> parse(ok.replaceFirst("From: [^\r]*\r\n", "")))
        .hasMessage("missing From header");
    assertThatThrownBy(() -> parse(ok.replaceFirst("To: [^\r]*\r\n", "")))
        .hasMessage("missing To header");
    assertThatThrownBy(() -> parse(ok.replace("314159 INVITE", "314159 BYE")))
        .hasMessageContaining("CSeq method");
    assertThatThrownBy(() -> parse(ok.replace("314159 INVITE", "abc INVITE")))
        .hasMessageContaining("bad CSeq");
    assertThatThrownBy(() -> parse(ok.replace(" SIP/2.0\r\n", " SIP/3.0\r\n")))
        .hasMessageContaining("bad request line");
    assertThatThrownBy(() -> parse(ok.replace("Max-Forwards: 70", "Max-Forwards 70")))
        .hasMessageContaining("without ':'");
    assertThatThrownBy(() -> parse("SIP/2.0 abc OK\r\n\r\n")).hasMessageContaining("bad status");
    assertThatThrownBy(() -> parse("\r\n\r\n")).hasMessage("empty message");
    assertThatThrownBy(() -> parse("garbage")).isInstanceOf(SipParseException.class);
  }

  @Test
  void lazyHeaderViewsThrowOnBadSyntax() throws Exception {
    SipMessage m = parse(INVITE.replace("SIP/2.0/UDP pc33", "SIP/2.0/UDP :5060"));
    assertThatThrownBy(m::topVia).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void encodeParseRoundTrip() throws Exception {
    SipMessage m = parse(INVITE);
    m.addHeader("X-Unknown", "ü-value");
    m.setBody("application/sdp", "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\n".getBytes(UTF_8));
    byte[] bytes = m.encode();
    SipMessage again = SipMessage.parse(bytes);
    assertThat(again.encode()).isEqualTo(bytes);
    assertThat(again.header("x-unknown")).isEqualTo("ü-value");
    assertThat(again.header("Content-Length")).isEqualTo(String.valueOf(m.body().length));
    m.setBody(null, null);
    assertThat(m.contentType()).isNull();
    assertThat(new String(m.encode(), UTF_8)).contains("Content-Length: 0\r\n\r\n");
  }

  @Test
  void builtMessagesAndHeaderEditing() {
    SipMessage m = SipMessage.request("INVITE", "sip:b@h");
    m.addHeader("Via", "SIP/2.0/UDP a;branch=z9hG4bK1")
        .addHeader("From", "<sip:a@h>;tag=1")
        .addHeader("To", "<sip:b@h>")
        .addHeader("Call-ID", "c1")
        .addHeader("CSeq", "1 INVITE")
        .addHeader("Record-Route", "<sip:p1;lr>")
        .addHeader("Record-Route", "<sip:p2;lr>")
        .addHeader("Authorization", "Digest username=\"a\", response=\"secret\"");
    assertThat(m.cseq()).isEqualTo(1);
    m.setHeader("CSeq", "2 INVITE");
    assertThat(m.cseq()).isEqualTo(2); // cache follows the header
    m.setHeader("To", "<sip:b@h>;tag=t");
    assertThat(m.to().tag()).isEqualTo("t");
    assertThat(m.toString()).contains("Authorization: Digest ***").doesNotContain("secret");

    SipMessage ringing = m.createResponse(180, "Ringing");
    assertThat(ringing.headers("Record-Route")).containsExactly("<sip:p1;lr>", "<sip:p2;lr>");
    assertThat(ringing.header("Authorization")).isNull();
    assertThat(ringing.callId()).isEqualTo("c1");
    assertThat(m.createResponse(486, "Busy Here").headers("Record-Route")).isEmpty();

    m.removeHeader("Record-Route");
    assertThat(m.header("Record-Route")).isNull();
    SipMessage r = SipMessage.response(200, "OK");
    assertThat(r.isRequest()).isFalse();
    assertThat(new String(r.encode(), UTF_8)).startsWith("SIP/2.0 200 OK\r\nContent-Length: 0");
  }
}
