package io.trunkline.routing.sip;

import static io.restassured.RestAssured.given;

import io.trunkline.routing.SipTestProfile;
import io.trunkline.testsupport.ErrorLog;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import javax.sip.ClientTransaction;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** What the abuse tests share: raw UDP peers, the service's counters, its error log. */
abstract class EdgeAbuseSupport extends SipAcceptanceSupport {

  /** sip_rejected_total for a reason, from the service's /q/metrics (0 when not counted yet). */
  static double rejected(String reason) {
    return SecurityAndApiTest.rejected(reason);
  }

  /** A UDP socket on an address of 127.0.0.0/8 (only 127.0.0.1 is a PBX in the profile). */
  static DatagramSocket udp(String address) throws Exception {
    DatagramSocket s = new DatagramSocket(new InetSocketAddress(address, 0));
    s.setReceiveBufferSize(4 << 20);
    return s;
  }

  static void send(DatagramSocket s, byte[] b) throws Exception {
    s.send(
        new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), SipTestProfile.SIP_PORT));
  }

  static void send(DatagramSocket s, String text) throws Exception {
    send(s, text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The next datagram's text, or null after the timeout. */
  static String receive(DatagramSocket s, int timeoutMillis) throws Exception {
    byte[] buf = new byte[65535];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    s.setSoTimeout(timeoutMillis);
    try {
      s.receive(p);
      return new String(buf, 0, p.getLength(), StandardCharsets.ISO_8859_1);
    } catch (SocketTimeoutException e) {
      return null;
    }
  }

  /** A request as a raw peer at viaAddress:viaPort sends it (Via without rport). */
  static String request(String method, String uri, String via, String callId, String extraVia) {
    return method
        + " "
        + uri
        + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP "
        + via
        + ";branch=z9hG4bK-"
        + callId
        + extraVia
        + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:101@127.0.0.1>;tag=f-"
        + callId
        + "\r\n"
        + "To: <"
        + uri
        + ">\r\n"
        + "Call-ID: "
        + callId
        + "\r\n"
        + "CSeq: 1 "
        + method
        + "\r\n"
        + "Contact: <sip:101@"
        + via
        + ">\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  /** A call from the JAIN-SIP PBX through the service to a trunk, hung up by the PBX. */
  void placeCall(String dialled) throws Exception {
    ClientTransaction ct = pbx.invite("101", dialled, SipTestProfile.SIP_PORT);
    String callId = SipTestPeer.callId(ct.getRequest());
    Response ok = awaitResponse(callId, 200, Request.INVITE);
    pbx.ack(ct, ok);
    pbx.bye(ct.getDialog());
    awaitResponse(callId, 200, Request.BYE);
  }

  /** The PBX's next response with this code to this call's method (others are skipped). */
  static Response awaitResponse(String callId, int code, String method) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      Response r = pbx.responses.poll(50, TimeUnit.MILLISECONDS);
      if (r != null
          && r.getStatusCode() == code
          && callId.equals(SipTestPeer.callId(r))
          && ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod().equals(method)) {
        return r;
      }
    }
    throw new AssertionError("no " + code + " to " + method + " of " + callId + " within 10 s");
  }

  /**
   * Collects what would show a crash while installed: ERROR records of the service, Vert.x and
   * Netty (an exception escaping a handler on the event loop is logged so), and Vert.x' warnings
   * that an event loop was blocked.
   */
  static ErrorLog installErrorLog() {
    return ErrorLog.install(
        r -> {
          String category = ErrorLog.category(r);
          boolean ours =
              category.startsWith("io.trunkline")
                  || category.startsWith("io.vertx")
                  || category.startsWith("io.netty");
          boolean error = r.getLevel().intValue() >= Level.SEVERE.intValue();
          boolean blocked = String.valueOf(r.getMessage()).contains("has been blocked");
          return ours && (error || blocked);
        });
  }

  /** GET /q/metrics as text. */
  static String metrics() {
    return given().get("/q/metrics").asString();
  }
}
