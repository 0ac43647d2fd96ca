package io.trunkline.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trunkline.registration.support.TestRegistrar;
import io.trunkline.registration.support.TrunkFeed;
import io.trunkline.testsupport.KafkaBroker;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.TestCa;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A provider whose TLS port accepts connections and never answers the handshake: its trunk waits
 * for the node's handshake timeout ({@code trunkline.sip.tls.handshake-timeout}, 10 s by default)
 * and then shows FAILED with reason {@code tls}, while the other trunks of the node go on
 * registering meanwhile. The node is the TLS node of {@link TlsRegistrationTest}, on a broker of
 * its own; the UDP trunk registers at the JAIN-SIP test registrar.
 */
@Order(6)
class TlsBlackholeTest {

  static KafkaBroker broker;
  static TrunkFeed feed;
  static RegistrationCore core;
  static TestRegistrar registrar;
  static SilentPort silent;
  static TestCa ca;

  @BeforeAll
  static void start() throws Exception {
    silent = new SilentPort(InetAddress.getByName("127.0.0.77"));
    registrar = new TestRegistrar();
    broker = KafkaBroker.startFresh();
    broker.createTopics(1, KafkaBrokerResource.trunklineTopics());
    feed = new TrunkFeed(broker.bootstrapServers());
    ca = TestCa.create("Blackhole test CA");
    core = TlsRegistrationTest.node(broker, ca);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {core, feed, broker, registrar, silent, ca}) {
      if (c != null) {
        c.close();
      }
    }
  }

  static String state(String id, String field) {
    JsonNode s = feed.lastStatus(id);
    return s == null ? null : s.get(field).asText();
  }

  @Test
  void aTlsPeerThatNeverHandshakesHoldsUpNoOtherTrunk() {
    int n = ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    ObjectNode tls = TrunkFeed.trunk("hole" + n, silent.port(), "pw");
    tls.put("host", silent.host());
    tls.put("transport", "TLS");
    String tlsId = tls.get("id").asText();
    feed.publish(tls);
    // the node connected and now waits for the peer's side of the handshake
    await().atMost(Duration.ofSeconds(30)).until(() -> silent.accepted() > 0);

    String user = "udp" + n;
    registrar.account(user).password = "pw-" + user;
    ObjectNode udp = TrunkFeed.trunk(user, registrar.port(), "pw-" + user);
    String udpId = udp.get("id").asText();
    feed.publish(udp);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "REGISTERED".equals(state(udpId, "registration")));
    // registered while the TLS trunk's handshake was still waiting for its timeout
    assertThat(state(tlsId, "registration")).isEqualTo("REGISTERING");
    assertThat(registrar.of(user, "REGISTER")).isNotEmpty();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "FAILED".equals(state(tlsId, "registration")));
    assertThat(state(tlsId, "lastReason")).isEqualTo("tls");
    feed.delete(tlsId);
  }

  /** A TCP port that accepts every connection and never sends a byte (nor closes). */
  static final class SilentPort implements AutoCloseable {
    private final ServerSocket server = new ServerSocket();
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    SilentPort(InetAddress address) throws IOException {
      server.bind(new InetSocketAddress(address, 0));
      Thread t = new Thread(this::acceptAll, "silent-tls-port");
      t.setDaemon(true);
      t.start();
    }

    private void acceptAll() {
      while (!server.isClosed()) {
        try {
          held.add(server.accept());
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    String host() {
      return server.getInetAddress().getHostAddress();
    }

    int port() {
      return server.getLocalPort();
    }

    int accepted() {
      return held.size();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
