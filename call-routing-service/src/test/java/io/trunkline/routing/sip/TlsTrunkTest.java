package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.trunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.testsupport.TestCa;
import io.trunkline.testsupport.TlsLanes;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sip.ClientTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls from a PBX (UDP) to trunks with {@code transport: TLS}: Kamailio's tls module terminates
 * TLS in front of the trunk peer (UDP behind it), with certificates from a CA made for the test.
 * What the PBX sees: the call answered and hung up either way; a trunk whose certificate is from
 * another CA or for another name is not used (failover to the next route, or 503); a trunk with
 * {@code tlsVerify: false} takes the call whatever its certificate.
 */
@QuarkusTest
@TestProfile(TlsTrunkTest.Profile.class)
@QuarkusTestResource(io.trunkline.testsupport.KafkaBrokerResource.class)
class TlsTrunkTest extends SipAcceptanceSupport {

  static final TestCa CA = TestCa.create("Trunkline test CA");
  static final TestCa OTHER_CA = TestCa.create("Another CA");
  static ExternalPeer kamailio;
  static int good;
  static int otherCa;
  static int wrongName;

  /**
   * The acceptance profile with a TLS listener (certificate from the test CA) and that CA trusted.
   */
  public static class Profile extends SipTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> m = new HashMap<>(super.getConfigOverrides());
      TestCa.Issued own = CA.issue("127.0.0.1");
      m.put("trunkline.sip.tls.certificate", own.chain().toString());
      m.put("trunkline.sip.tls.private-key", own.privateKey().toString());
      m.put("trunkline.sip.tls.trust-certificates", CA.caCertificate().toString());
      m.put("trunkline.sip.tls.port", "0");
      return m;
    }
  }

  @BeforeAll
  static void tlsFront() throws Exception {
    assumeTrue(ExternalPeer.installed("kamailio"), "kamailio is not installed");
    good = freeTcpPort();
    otherCa = freeTcpPort();
    wrongName = freeTcpPort();
    Map<String, Object> values = new HashMap<>();
    values.put("UDP", freeTcpPort());
    values.put("TRUNK", trunkA.port());
    values.put("GOOD", good);
    values.put("OTHER_CA", otherCa);
    values.put("WRONG_NAME", wrongName);
    TlsLanes.putCertificates(values, CA, OTHER_CA, "localhost", "127.0.0.1");
    kamailio =
        ExternalPeer.kamailio(
            "kamailio-tls.cfg", Map.of("tls.cfg", "kamailio-tls-tls.cfg"), values);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> listening(good) && listening(otherCa) && listening(wrongName));
    assertThat(kamailio.alive()).as(kamailio.output()).isTrue();
  }

  @AfterAll
  static void stopFront() {
    if (kamailio != null) {
      kamailio.close();
    }
    CA.close();
    OTHER_CA.close();
  }

  static Map<String, Object> tlsTrunk(String name, String host, int port) {
    Map<String, Object> t = trunk(name, port);
    t.put("host", host);
    t.put("transport", "TLS");
    return t;
  }

  @Test
  void callOverTlsIsAnsweredAndHungUpByThePbx() throws Exception {
    trunkA.onInvite(SipAcceptanceSupport::answer);
    String prefix = route(null, 0, tlsTrunk("tls-good", "localhost", good));
    ClientTransaction ct = callAnswered(prefix + "2345");
    Request inv = trunkA.awaitRequest(Request.INVITE, 10);
    assertThat(vias(inv)).as("our Via, then Kamailio's").contains("TLS");
    SipURI contact =
        (SipURI) ((ContactHeader) inv.getHeader(ContactHeader.NAME)).getAddress().getURI();
    assertThat(contact.getTransportParam()).isEqualToIgnoringCase("tls");
    assertThat(contact.getPort()).isEqualTo(sip.tlsPort());
    assertThat(((SipURI) inv.getRequestURI()).getTransportParam()).isEqualToIgnoringCase("tls");
    trunkA.awaitRequest(Request.ACK, 10);
    pbx.bye(ct.getDialog());
    trunkA.awaitRequest(Request.BYE, 10);
    pbx.awaitResponse(200, Request.BYE, 10);
  }

  @Test
  void callOverTlsIsHungUpByTheTrunk() throws Exception {
    trunkA.onInvite(SipAcceptanceSupport::answer);
    String prefix = route(null, 0, tlsTrunk("tls-good-bye", "localhost", good));
    ClientTransaction ct = callAnswered(prefix + "2345");
    Request inv = trunkA.awaitRequest(Request.INVITE, 10);
    trunkA.awaitRequest(Request.ACK, 10);
    trunkA.bye(trunkA.dialogs.get(SipTestPeer.callId(inv)));
    // Kamailio brings the BYE to our TLS listener (the Contact above), and on to the PBX
    Request bye = pbx.awaitRequest(Request.BYE, 10);
    assertThat(SipTestPeer.callId(bye)).isEqualTo(SipTestPeer.callId(ct.getRequest()));
    trunkA.awaitResponse(200, Request.BYE, 10);
    // the PBX is on UDP: the only stream connection in is Kamailio's TLS one to our listener
    assertThat(sip.inboundConnections()).isPositive();
  }

  /** INVITEs Kamailio has logged so far on one of its TLS ports. */
  private static long invitesAt(int port) throws java.io.IOException {
    String line = "INVITE over tls to " + port + "\n";
    String out = kamailio.output();
    long n = 0;
    for (int i = out.indexOf(line); i >= 0; i = out.indexOf(line, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void aCertificateFromAnotherCaIsRefusedAndTheCallFailsOver() throws Exception {
    trunkA.onInvite(SipAcceptanceSupport::answer);
    // Kamailio's log is shared by the class's tests, and the unverified-trunk test sends to this
    // port on purpose: only INVITEs logged during this test count.
    long before = invitesAt(otherCa);
    Map<String, Object> untrusted = tlsTrunk("tls-other-ca", "localhost", otherCa);
    String prefix = route(null, 0, untrusted, tlsTrunk("tls-backup", "localhost", good));
    ClientTransaction ct = callAnswered(prefix + "2345");
    Request inv = trunkA.awaitRequest(Request.INVITE, 10);
    assertThat(inv.getHeader("X-Trunk-Name").toString()).contains("tls-backup");
    // the handshake failed before any request: Kamailio saw none on that port
    assertThat(invitesAt(otherCa)).isEqualTo(before);
    pbx.bye(ct.getDialog());
    trunkA.awaitRequest(Request.BYE, 10);
  }

  @Test
  void aCertificateForAnotherNameIsRefused() throws Exception {
    trunkA.onInvite(SipAcceptanceSupport::answer);
    String prefix = route(null, 0, tlsTrunk("tls-wrong-name", "localhost", wrongName));
    pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT);
    Response refused = pbx.awaitResponse(503, 15);
    assertThat(refused).isNotNull();
    assertThat(trunkA.receives(Request.INVITE, 500)).isFalse();
  }

  @Test
  void withTlsVerifyFalseAnyCertificateIsAccepted() throws Exception {
    trunkA.onInvite(SipAcceptanceSupport::answer);
    Map<String, Object> t = tlsTrunk("tls-unverified", "localhost", otherCa);
    t.put("tlsVerify", false);
    String prefix = route(null, 0, t);
    ClientTransaction ct = callAnswered(prefix + "2345");
    trunkA.awaitRequest(Request.INVITE, 10);
    trunkA.awaitRequest(Request.ACK, 10);
    pbx.bye(ct.getDialog());
    trunkA.awaitRequest(Request.BYE, 10);
    pbx.awaitResponse(200, Request.BYE, 10);
  }

  private static String vias(Request r) {
    StringBuilder b = new StringBuilder();
    r.getHeaders(ViaHeader.NAME)
        .forEachRemaining(v -> b.append(((ViaHeader) v).getTransport()).append(' '));
    return b.toString();
  }

  private static boolean listening(int port) {
    try (java.net.Socket s = new java.net.Socket(InetAddress.getByName("127.0.0.1"), port)) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static int freeTcpPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
