package io.trunkline.registration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.registration.support.SipPortResource;
import io.trunkline.registration.support.TestRegistrar;
import io.trunkline.registration.support.TrunkFeed;
import io.trunkline.testsupport.ErrorLog;
import io.trunkline.testsupport.HostileDatagrams;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Level;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * registration-service's JAIN-SIP edge under hostile traffic: it keeps registering and probing
 * through a fuzz storm without an error logged or a thread added, answers strangers at most at
 * their rate and only where they really are, and hears a REGISTER's answer only from the registrar.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(SipPortResource.class)
@Order(5)
class SipEdgeAbuseTest extends RegistrarAndFeedTest {

  static int sipPort() {
    return ConfigProvider.getConfig().getValue("trunkline.sip.port", Integer.class);
  }

  static DatagramSocket udp(String address) throws Exception {
    return new DatagramSocket(new InetSocketAddress(address, 0));
  }

  static void send(DatagramSocket s, byte[] b, int port) throws Exception {
    s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
  }

  static String receive(DatagramSocket s, int millis) throws Exception {
    byte[] buf = new byte[65535];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    s.setSoTimeout(millis);
    try {
      s.receive(p);
      return new String(buf, 0, p.getLength(), StandardCharsets.ISO_8859_1);
    } catch (SocketTimeoutException e) {
      return null;
    }
  }

  static String options(String via, String callId, String viaExtra) {
    return "OPTIONS sip:127.0.0.1:"
        + sipPort()
        + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP "
        + via
        + ";branch=z9hG4bK-"
        + callId
        + viaExtra
        + "\r\n"
        + "From: <sip:probe@127.0.0.1>;tag=p-"
        + callId
        + "\r\nTo: <sip:127.0.0.1>\r\n"
        + "Call-ID: "
        + callId
        + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  static double rejected(String reason) {
    for (String line : given().get("/q/metrics").asString().split("\n")) {
      if (line.startsWith("sip_rejected_total{") && line.contains("reason=\"" + reason + "\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  static String registration(String id) {
    JsonNode s = feed.lastStatus(id);
    return s == null ? null : s.get("registration").asText();
  }

  @Test
  void hostileDatagramsNeitherCrashNorStopRegistrationsAndProbes() throws Exception {
    String user = "abuse" + System.nanoTime() % 1_000_000;
    TestRegistrar.Account account = registrar.account(user);
    account.password = "pw-" + user;
    account.grantExpires = 4; // a refresh every 2-3.4 s, through the storm
    ObjectNode trunk = TrunkFeed.trunk(user, registrar.port(), account.password);
    trunk.put("optionsPing", true);
    trunk.put("optionsIntervalSeconds", 1);
    String id = trunk.get("id").asText();
    feed.publish(trunk);
    await().atMost(Duration.ofSeconds(20)).until(() -> "REGISTERED".equals(registration(id)));
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    int registersBefore = registrar.of(user, "REGISTER").size();
    int optionsBefore = registrar.all("OPTIONS").size();
    ErrorLog errors = installErrorLog();
    long t0 = System.nanoTime();
    try (DatagramSocket local = udp("127.0.0.1");
        DatagramSocket stranger = udp("127.0.0.31")) {
      HostileDatagrams fuzz = new HostileDatagrams(10, sipPort());
      long paced = 0;
      for (int i = 0; i < 50_000; i++) {
        byte[] d = fuzz.next();
        send(i % 2 == 0 ? local : stranger, d, sipPort());
        paced += d.length + 200;
        if (paced > 64 * 1024) {
          paced = 0;
          Thread.sleep(2);
        }
      }
    } finally {
      errors.close();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Thread.sleep(3000); // registration and probes go on after the storm too
    int registers = registrar.of(user, "REGISTER").size() - registersBefore;
    int probes = registrar.all("OPTIONS").size() - optionsBefore;
    System.out.printf(
        "registration fuzz: 50,000 datagrams in %.1f s; meanwhile and 3 s after: %d REGISTER"
            + " refreshes, %d OPTIONS probes; threads %d -> %d%n",
        seconds,
        registers,
        probes,
        threadsBefore,
        ManagementFactory.getThreadMXBean().getThreadCount());
    System.out.println("JSIPLOG " + errors.records.size());
    errors.records.stream()
        .map(x -> x.substring(0, Math.min(300, x.length())))
        .distinct()
        .limit(30)
        .forEach(x -> System.out.println("JSIPLOG " + x));
    assertThat(errors.records).as("errors logged during the storm").isEmpty();
    assertThat(registers).isGreaterThanOrEqualTo((int) (seconds / 3.4));
    assertThat(probes).isGreaterThanOrEqualTo((int) seconds);
    assertThat(registration(id)).isEqualTo("REGISTERED");
    assertThat(feed.lastStatus(id).get("reachability").asText()).isEqualTo("UP");
    assertThat(ManagementFactory.getThreadMXBean().getThreadCount())
        .isLessThanOrEqualTo(threadsBefore + 5);
    // still answering a newcomer
    try (DatagramSocket probe = udp("127.0.0.32")) {
      String via = "127.0.0.32:" + probe.getLocalPort();
      send(probe, options(via, "after-storm", "").getBytes(StandardCharsets.US_ASCII), sipPort());
      assertThat(receive(probe, 5000)).startsWith("SIP/2.0 200 ");
    }
    feed.delete(id);
  }

  @Test
  void aStrangerIsAnsweredAtItsRateAndOnlyWhereItReallyIs() throws Exception {
    double rateBefore = rejected("rate");
    try (DatagramSocket stranger = udp("127.0.0.33");
        DatagramSocket target =
            new DatagramSocket(new InetSocketAddress("127.0.0.3", stranger.getLocalPort()))) {
      String via = "127.0.0.33:" + stranger.getLocalPort();
      for (int i = 0; i < 200; i++) {
        String forged = i % 2 == 0 ? ";received=127.0.0.3" : ";rport;received=127.0.0.3";
        send(
            stranger,
            options(via, "s-" + i, forged).getBytes(StandardCharsets.US_ASCII),
            sipPort());
      }
      int answers = 0;
      while (receive(stranger, 1000) != null) {
        answers++;
      }
      assertThat(answers).isBetween(1, 40); // 20 a second, then banned
      assertThat(receive(target, 200)).as("answered where received= pointed").isNull();
      int answered = answers;
      await() // every datagram either answered or counted (the socket buffer holds them all)
          .atMost(Duration.ofSeconds(5))
          .until(() -> answered + rejected("rate") - rateBefore >= 200);
    }
  }

  @Test
  void aRegisterIsAnsweredOnlyByTheRegistrar() throws Exception {
    try (DatagramSocket raw = udp("127.0.0.1");
        DatagramSocket forger = udp("127.0.0.9")) {
      String user = "forge" + System.nanoTime() % 1_000_000;
      ObjectNode trunk = TrunkFeed.trunk(user, raw.getLocalPort(), "pw");
      String id = trunk.get("id").asText();
      double before = rejected("response_source");
      feed.publish(trunk);
      String register = null;
      while (register == null || !register.startsWith("REGISTER ")) {
        register = receive(raw, 10_000);
        assertThat(register).as("REGISTER at the raw registrar").isNotNull();
      }
      String ok = okFor(register);
      forger.send(
          new DatagramPacket(
              ok.getBytes(StandardCharsets.US_ASCII),
              ok.length(),
              InetAddress.getLoopbackAddress(),
              sipPort()));
      await().atMost(Duration.ofSeconds(3)).until(() -> rejected("response_source") > before);
      assertThat(registration(id)).isNotEqualTo("REGISTERED");
      send(raw, ok.getBytes(StandardCharsets.US_ASCII), sipPort()); // the registrar itself
      await().atMost(Duration.ofSeconds(5)).until(() -> "REGISTERED".equals(registration(id)));
      feed.delete(id);
    }
  }

  /** A 200 OK to a REGISTER, built from its text: Via, From, To (tagged), Call-ID, CSeq. */
  static String okFor(String register) {
    StringBuilder sb = new StringBuilder("SIP/2.0 200 OK\r\n");
    for (String line : register.split("\r\n")) {
      String name = line.contains(":") ? line.substring(0, line.indexOf(':')) : "";
      switch (name) {
        case "Via", "From", "Call-ID", "CSeq", "Contact" -> sb.append(line).append("\r\n");
        case "To" -> sb.append(line).append(";tag=registrar\r\n");
        default -> {}
      }
    }
    return sb.append("Expires: 600\r\nContent-Length: 0\r\n\r\n").toString();
  }

  /**
   * ERROR records (of the service, of JAIN-SIP's stacks...) while installed. JAIN-SIP logs under
   * the name of the last stack created in the JVM (here the test registrar's), whatever stack the
   * message concerns: every category counts but Kafka's.
   */
  static ErrorLog installErrorLog() {
    return ErrorLog.install(
        r ->
            !ErrorLog.category(r).startsWith("org.apache.kafka")
                && r.getLevel().intValue() >= Level.SEVERE.intValue());
  }
}
