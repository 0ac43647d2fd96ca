package io.trunkline.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trunkline.registration.support.TestNode;
import io.trunkline.registration.support.TestRegistrar;
import io.trunkline.registration.support.TrunkFeed;
import io.trunkline.testsupport.KafkaBroker;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.Kamailio;
import io.trunkline.testsupport.TestCa;
import io.trunkline.testsupport.TlsLanes;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Registration and OPTIONS over TLS against Kamailio (its tls, registrar and auth modules) with
 * certificates from a CA made for the test. The trunks name the registrar {@code localhost}: the
 * certificate must chain to the configured trust and be for that name, unless the trunk has {@code
 * tlsVerify: false}. What a user sees: REGISTERED and UP in the status events, or FAILED with
 * reason {@code tls} and nothing reaching the registrar's script. The node is a core of its own (as
 * in production, from the shared {@code trunkline.sip.tls.*} mapping), so that the Quarkus tests of
 * this module keep their one configuration.
 */
@Order(6)
class TlsRegistrationTest {

  static final TestCa CA = TestCa.create("Trunkline test CA");
  static final TestCa OTHER_CA = TestCa.create("Another CA");
  static final String PASSWORD = "tls-s3cret";
  static Kamailio kamailio;
  static KafkaBroker broker;
  static TrunkFeed feed;
  static RegistrationCore core;
  static int good;
  static int otherCa;
  static int wrongName;
  static int unverified;
  static int shared;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Kamailio.installed(), "kamailio is not installed");
    good = TestRegistrar.freeSipPort();
    otherCa = TestRegistrar.freeSipPort();
    wrongName = TestRegistrar.freeSipPort();
    unverified = TestRegistrar.freeSipPort();
    shared = TestRegistrar.freeSipPort();
    Map<String, Object> values = new HashMap<>();
    values.put("GOOD", good);
    values.put("OTHER_CA", otherCa);
    values.put("WRONG_NAME", wrongName);
    values.put("UNVERIFIED", unverified);
    values.put("SHARED", shared);
    values.put("PASSWORD", PASSWORD);
    TlsLanes.putCertificates(values, CA, OTHER_CA, "localhost");
    kamailio =
        Kamailio.start(
            "kamailio/registrar-tls.cfg",
            Map.of("tls.cfg", "kamailio/registrar-tls-tls.cfg"),
            values);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                listening(good) && listening(otherCa) && listening(wrongName) || !kamailio.alive());
    assertThat(kamailio.alive()).as(kamailio.output()).isTrue();
    broker = KafkaBroker.startFresh();
    broker.createTopics(1, KafkaBrokerResource.trunklineTopics());
    feed = new TrunkFeed(broker.bootstrapServers());
    core = node(broker);
  }

  /**
   * A node with TLS on a free port of its own, advertised under a public name; only the test CA is
   * trusted; call-routing's TLS address as the Contact of TLS trunks.
   */
  static RegistrationCore node(KafkaBroker broker) throws Exception {
    return node(broker, CA);
  }

  /** The same node trusting {@code trust} (a CA of its caller's: this class closes its own). */
  static RegistrationCore node(KafkaBroker broker, TestCa trust) throws Exception {
    return TestNode.named("tls-test", broker.bootstrapServers())
        .with("trunkline.sip.tls.port", Integer.toString(TestRegistrar.freeSipPort()))
        .with("trunkline.sip.tls.trust-certificates", trust.caCertificate().toString())
        .with("trunkline.sip.advertised.tls", "sip.trunkline.test:5999")
        .with("trunkline.registration.tls-contact-uri", "sip:192.0.2.10:5061;transport=tls")
        .tls()
        .start();
  }

  @AfterAll
  static void stop() {
    if (core != null) {
      core.close();
    }
    if (feed != null) {
      feed.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (kamailio != null) {
      kamailio.close();
    }
    CA.close();
    OTHER_CA.close();
  }

  static ObjectNode tlsTrunk(int port) {
    String user = "tls" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    ObjectNode t = TrunkFeed.trunk(user, port, PASSWORD);
    t.put("host", "localhost");
    t.put("transport", "TLS");
    return t;
  }

  static String state(String id, String field) {
    JsonNode s = feed.lastStatus(id);
    return s == null ? null : s.get(field).asText();
  }

  /** Lines Kamailio's script logged for requests that got through the handshake on a port. */
  static long seen(String method, int port) throws Exception {
    return kamailio.count("SEEN " + method + " over tls to " + port);
  }

  @Test
  void registersOverTlsWithDigestAndIsProbedWithOptions() throws Exception {
    ObjectNode trunk = tlsTrunk(good);
    trunk.put("optionsPing", true);
    trunk.put("optionsIntervalSeconds", 5);
    String id = trunk.get("id").asText();
    String user = trunk.get("username").asText();
    feed.publish(trunk);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "REGISTERED".equals(state(id, "registration")));
    await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(state(id, "reachability")));
    // the digest answer was checked by Kamailio's auth module, on a TLS connection
    assertThat(kamailio.count("AUTHORIZED REGISTER of " + user + " over tls to " + good))
        .isPositive();
    assertThat(seen("OPTIONS", good)).isPositive();
    // the Via names our advertised TLS address, the Contact call-routing's TLS address
    assertThat(kamailio.output())
        .contains("REGISTER of " + user + " VIA SIP/2.0/TLS sip.trunkline.test:5999;")
        .containsPattern(
            "REGISTER of "
                + user
                + " VIA .* CONTACT <sip:tl[0-9a-f]+@192\\.0\\.2\\.10:5061;transport=tls>");
    assertThat(feed.lastStatus(id).get("lastCode").asInt()).isEqualTo(200);
  }

  @Test
  void aCertificateFromAnotherCaIsRefused() throws Exception {
    ObjectNode trunk = tlsTrunk(otherCa);
    String id = trunk.get("id").asText();
    feed.publish(trunk);

    await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(state(id, "registration")));
    assertThat(state(id, "lastReason")).isEqualTo("tls");
    // the handshake failed before any request: nothing reached the registrar's script
    assertThat(seen("REGISTER", otherCa)).isZero();
  }

  @Test
  void aCertificateForAnotherHostNameIsRefused() throws Exception {
    ObjectNode trunk = tlsTrunk(wrongName);
    String id = trunk.get("id").asText();
    feed.publish(trunk);

    await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(state(id, "registration")));
    assertThat(state(id, "lastReason")).isEqualTo("tls");
    assertThat(seen("REGISTER", wrongName)).isZero();
  }

  @Test
  void withTlsVerifyFalseAnotherCasCertificateIsAccepted() throws Exception {
    ObjectNode trunk = tlsTrunk(unverified);
    trunk.put("tlsVerify", false);
    String id = trunk.get("id").asText();
    feed.publish(trunk);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "REGISTERED".equals(state(id, "registration")));
    assertThat(seen("REGISTER", unverified)).isPositive();
  }

  @Test
  void aVerifiedTrunkNeverUsesAConnectionMadeWithoutVerification() throws Exception {
    // two trunks on one address: JAIN-SIP keeps one connection per address
    ObjectNode lax = tlsTrunk(shared);
    lax.put("tlsVerify", false);
    feed.publish(lax);
    String laxId = lax.get("id").asText();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "REGISTERED".equals(state(laxId, "registration")));

    ObjectNode strict = tlsTrunk(shared);
    String id = strict.get("id").asText();
    String user = strict.get("username").asText();
    feed.publish(strict);
    await()
        .atMost(Duration.ofSeconds(45))
        .until(
            () ->
                "FAILED".equals(state(id, "registration"))
                    && "tls".equals(state(id, "lastReason")));
    // its REGISTER never went out on the unverified connection
    assertThat(kamailio.output()).doesNotContain("USER " + user + " SENT REGISTER");
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
