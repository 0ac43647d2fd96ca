package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.trunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.UnixOperatingSystemMXBean;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.routing.EdgeTestProfile;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/**
 * 10,000 idle TCP connections from 400 addresses: the service holds at most its total cap (1,000)
 * and 20 per address, closes the rest at once, closes the idle ones after the message timeout, and
 * takes a real call over TCP afterwards.
 */
@QuarkusTest
@TestProfile(EdgeTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class TcpConnectionFloodTest extends EdgeAbuseSupport {

  static final int CONNECTIONS = 10_000;
  static final int SOURCES = 400; // 25 each: 5 over the per-source cap
  static final int BATCH = 500;

  @Test
  void tenThousandIdleConnectionsAreRefusedPastTheCap() throws Exception {
    int max = EdgeTestProfile.MAX_CONNECTIONS;
    int n = affordableConnections(max);
    double refusedBefore = rejected("connections");
    double slowBefore = rejected("slow_connection");
    AtomicInteger mostHeld = new AtomicInteger();
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (sampling.get()) {
                mostHeld.accumulateAndGet(sip.inboundConnections(), Math::max);
                sleep(5);
              }
            });
    sampler.start();
    List<SocketChannel> channels = new ArrayList<>(n);
    Map<SocketChannel, String> sourceOf = new HashMap<>();
    try (Selector selector = Selector.open()) {
      for (int start = 0; start < n; start += BATCH) {
        connectBatch(selector, channels, sourceOf, start, Math.min(n, start + BATCH));
      }
      long connectedAt = System.nanoTime();
      // past the caps the service closes at once: all but the cap's worth see the end quickly
      int closed = awaitClosed(selector, channels, n - max, Duration.ofSeconds(4));
      double seconds = (System.nanoTime() - connectedAt) / 1e9;
      Map<String, Integer> openPerSource = new HashMap<>();
      for (SocketChannel c : channels) {
        if (c.isOpen()) {
          openPerSource.merge(sourceOf.get(c), 1, Integer::sum);
        }
      }
      System.out.printf(
          "TCP flood: %d connections from %d addresses, %d closed by the service within %.1f s,"
              + " at most %d held at once (cap %d, %d per source)%n",
          n,
          SOURCES,
          closed,
          seconds,
          mostHeld.get(),
          max,
          EdgeTestProfile.MAX_CONNECTIONS_PER_SOURCE);
      assertThat(closed).isGreaterThanOrEqualTo(n - max);
      assertThat(openPerSource.values())
          .allMatch(k -> k <= EdgeTestProfile.MAX_CONNECTIONS_PER_SOURCE);
      assertThat(mostHeld.get()).isLessThanOrEqualTo(max);
      // the idle ones sent no message: closed after the message timeout (5 s)
      awaitClosed(selector, channels, n, Duration.ofSeconds(15));
      await().atMost(Duration.ofSeconds(5)).until(() -> sip.inboundConnections() == 0);
    } finally {
      sampling.set(false);
      sampler.join();
      for (SocketChannel c : channels) {
        c.close();
      }
    }
    assertThat(rejected("connections") - refusedBefore).isGreaterThanOrEqualTo(n - max);
    assertThat(rejected("slow_connection") - slowBefore).isGreaterThan(0);
    // and a real caller gets through over TCP
    trunkA.onInvite(SipAcceptanceSupport::answer);
    String prefix = route(null, 0, trunk("after-tcp-flood", trunkA.port()));
    ClientTransaction ct = pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT, "tcp");
    String callId = SipTestPeer.callId(ct.getRequest());
    Response ok = awaitResponse(callId, 200, Request.INVITE);
    pbx.ack(ct, ok);
    pbx.bye(ct.getDialog());
    awaitResponse(callId, 200, Request.BYE);
  }

  /** As many as the file descriptors allow (both ends live in this JVM), at most 10,000. */
  private static int affordableConnections(int cap) {
    UnixOperatingSystemMXBean os =
        (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long spare = os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount() - cap - 1000;
    int n = (int) Math.min(CONNECTIONS, spare);
    assertThat(n)
        .as("file descriptors: raise ulimit -n (now %d)", os.getMaxFileDescriptorCount())
        .isGreaterThan(cap * 3);
    if (n < CONNECTIONS) {
      System.out.printf("TCP flood: only %d connections fit under ulimit -n%n", n);
    }
    return n;
  }

  private static void connectBatch(
      Selector selector,
      List<SocketChannel> channels,
      Map<SocketChannel, String> sourceOf,
      int from,
      int to)
      throws IOException {
    InetSocketAddress service = new InetSocketAddress("127.0.0.1", SipTestProfile.SIP_PORT);
    int pending = 0;
    for (int i = from; i < to; i++) {
      int s = i % SOURCES;
      String source = "127.0." + (1 + s / 200) + "." + (1 + s % 200);
      SocketChannel c = SocketChannel.open();
      c.configureBlocking(false);
      c.bind(new InetSocketAddress(source, 0));
      channels.add(c);
      sourceOf.put(c, source);
      if (c.connect(service)) {
        c.register(selector, SelectionKey.OP_READ);
      } else {
        c.register(selector, SelectionKey.OP_CONNECT);
        pending++;
      }
    }
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (pending > 0 && System.nanoTime() < end) {
      selector.select(100);
      for (SelectionKey k : selector.selectedKeys()) {
        if (k.isValid() && k.isConnectable()) {
          SocketChannel c = (SocketChannel) k.channel();
          pending--;
          try {
            c.finishConnect();
            k.interestOps(SelectionKey.OP_READ);
          } catch (IOException e) {
            c.close(); // refused outright counts as closed by the service
          }
        }
      }
      selector.selectedKeys().clear();
    }
    assertThat(pending).as("connections still connecting after 10 s").isZero();
  }

  /** Reads until at least {@code want} channels saw the service close them; returns how many. */
  private static int awaitClosed(
      Selector selector, List<SocketChannel> channels, int want, Duration within)
      throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(4096);
    long end = System.nanoTime() + within.toNanos();
    int closed = (int) channels.stream().filter(c -> !c.isOpen()).count();
    while (closed < want && System.nanoTime() < end) {
      selector.select(50);
      for (SelectionKey k : selector.selectedKeys()) {
        SocketChannel c = (SocketChannel) k.channel();
        if (!k.isValid() || !k.isReadable()) {
          continue;
        }
        buf.clear();
        int r;
        try {
          r = c.read(buf);
        } catch (IOException e) {
          r = -1; // reset
        }
        if (r < 0) {
          c.close();
          closed++;
        }
      }
      selector.selectedKeys().clear();
    }
    return closed;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
