package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.trunk;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.routing.EdgeTestProfile;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.testsupport.ErrorLog;
import io.trunkline.testsupport.HostileDatagrams;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

/**
 * Malformed and hostile datagrams against the running service while a JAIN-SIP PBX and trunk place
 * real calls through it: nothing crashes, calls go on, a folded 64 KB header costs no time.
 */
@QuarkusTest
@TestProfile(EdgeTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class MalformedFloodTest extends EdgeAbuseSupport {

  static final int DATAGRAMS = 100_000;

  @Test
  void hundredThousandHostileDatagramsWhileCallsAreRouted() throws Exception {
    trunkA.onInvite(SipAcceptanceSupport::answer);
    String prefix = route(null, 0, trunk("fuzz-calls", trunkA.port()));
    placeCall(prefix + "2345"); // routes before the storm
    double malformedBefore = rejected("malformed");
    AtomicBoolean storm = new AtomicBoolean(true);
    AtomicInteger answered = new AtomicInteger();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread calls =
        new Thread(
            () -> {
              while (storm.get() && failed.get() == null) {
                try {
                  placeCall(prefix + "2345");
                  answered.incrementAndGet();
                  Thread.sleep(20);
                } catch (Throwable t) {
                  failed.set(t);
                }
              }
            },
            "calls-during-fuzz");
    long sent = 0;
    long bytes = 0;
    try (ErrorLog errors = EdgeAbuseSupport.installErrorLog();
        DatagramSocket fromPbx = udp("127.0.0.1");
        DatagramSocket fromStranger = udp("127.0.0.21")) {
      calls.start();
      drain(fromPbx, storm); // the answers to the fuzz are read, so that drops counted are the
      drain(fromStranger, storm); // service's own
      long dropsBefore = udpReceiveBufferErrors();
      long t0 = System.nanoTime();
      HostileDatagrams fuzz = new HostileDatagrams(16, SipTestProfile.SIP_PORT);
      long pacedBytes = 0;
      for (int i = 0; i < DATAGRAMS; i++) {
        byte[] d = fuzz.next();
        // mostly from the PBX address, which the rate limit never sheds: each datagram is parsed
        send(i % 10 == 9 ? fromStranger : fromPbx, d);
        sent++;
        bytes += d.length;
        pacedBytes += d.length + 200;
        if (pacedBytes > 128 * 1024) { // ~40 MB/s at most, below what the loop parses
          pacedBytes = 0;
          Thread.sleep(3);
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      Thread.sleep(1000); // calls go on after the last datagram too
      storm.set(false);
      calls.join(30_000);
      System.out.printf(
          "fuzz: %d datagrams (%d MB) sent in %.1f s, %d calls answered meanwhile; UDP receive"
              + " buffer overflows on this host meanwhile: %d%n",
          sent, bytes >> 20, seconds, answered.get(), udpReceiveBufferErrors() - dropsBefore);
      assertThat(failed.get()).as("a call failed during the fuzz").isNull();
      assertThat(answered.get()).isGreaterThanOrEqualTo(10);
      assertThat(errors.records).as("errors logged during the fuzz").isEmpty();
    }
    // after it: still answering, still routing, what it refused counted
    pbx.options(SipTestProfile.SIP_PORT);
    pbx.awaitResponse(200, Request.OPTIONS, 30);
    placeCall(prefix + "2345");
    double malformed = rejected("malformed") - malformedBefore;
    System.out.printf("fuzz: %.0f counted malformed%n", malformed);
    assertThat(malformed).isGreaterThan(DATAGRAMS * 0.3);
    assertThat(sip.liveTransactions()).isLessThan(50_000); // bounded: the 404s' timers run out
  }

  @Test
  void aFoldedHeaderDatagramDoesNotDelayAConcurrentOptions() throws Exception {
    byte[] folded = foldedOptions();
    assertThat(folded.length).isBetween(64_000, HostileDatagrams.MAX);
    try (DatagramSocket prober = udp("127.0.0.1");
        DatagramSocket attacker = udp("127.0.0.1")) {
      for (int i = 0; i < 50; i++) { // warm up both paths
        rtt(prober, "warm-" + i, attacker, folded);
      }
      long[] quiet = new long[40];
      long[] loaded = new long[40];
      for (int i = 0; i < quiet.length; i++) {
        quiet[i] = rtt(prober, "quiet-" + i, null, null);
        loaded[i] = rtt(prober, "loaded-" + i, attacker, folded);
      }
      Arrays.sort(quiet);
      Arrays.sort(loaded);
      double quietMedian = quiet[quiet.length / 2] / 1e6;
      double loadedMedian = loaded[loaded.length / 2] / 1e6;
      double loadedP90 = loaded[loaded.length * 9 / 10] / 1e6;
      System.out.printf(
          "OPTIONS round trip: alone median %.2f ms; right behind a 64 KB datagram of 16,000"
              + " folded lines median %.2f ms, p90 %.2f ms%n",
          quietMedian, loadedMedian, loadedP90);
      // the old parser took ~60 ms per such datagram; linear parsing takes well under 1 ms
      assertThat(loadedMedian - quietMedian).isLessThan(10);
      assertThat(loadedP90).isLessThan(20 + quiet[quiet.length * 9 / 10] / 1e6);
    }
  }

  private static void drain(DatagramSocket s, AtomicBoolean running) {
    Thread t =
        new Thread(
            () -> {
              while (running.get()) {
                try {
                  receive(s, 100);
                } catch (Exception e) {
                  return; // closed
                }
              }
            },
            "drain-" + s.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  /** The host's UDP RcvbufErrors (datagrams the kernel dropped: a full socket buffer). */
  static long udpReceiveBufferErrors() {
    try {
      java.util.List<String> udp =
          java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/snmp")).stream()
              .filter(l -> l.startsWith("Udp:"))
              .toList();
      java.util.List<String> names = java.util.List.of(udp.get(0).split(" "));
      return Long.parseLong(udp.get(1).split(" ")[names.indexOf("RcvbufErrors")]);
    } catch (Exception e) {
      return -1; // not Linux: only the printout loses the figure
    }
  }

  /** An OPTIONS (answered statelessly) with one header folded over 16,000 lines: 64 KB. */
  static byte[] foldedOptions() {
    StringBuilder sb =
        new StringBuilder(
            "OPTIONS sip:127.0.0.1:"
                + SipTestProfile.SIP_PORT
                + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-fold\r\n"
                + "From: <sip:x@127.0.0.1>;tag=fold\r\nTo: <sip:127.0.0.1>\r\nCall-ID: fold\r\n"
                + "CSeq: 1 OPTIONS\r\nX-Fold: a");
    for (int i = 0; i < 16_000; i++) {
      sb.append("\r\n b");
    }
    return sb.append("\r\nContent-Length: 0\r\n\r\n")
        .toString()
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Nanoseconds from sending an OPTIONS (after the folded datagram, if any) to its answer. */
  static long rtt(DatagramSocket prober, String callId, DatagramSocket attacker, byte[] folded)
      throws Exception {
    int port = prober.getLocalPort();
    String options =
        request(
            "OPTIONS", "sip:127.0.0.1:" + SipTestProfile.SIP_PORT, "127.0.0.1:" + port, callId, "");
    if (attacker != null) {
      send(attacker, folded);
    }
    long t0 = System.nanoTime();
    send(prober, options);
    while (true) {
      String r = receive(prober, 5000);
      assertThat(r).as("answer to " + callId).isNotNull();
      if (r.contains("Call-ID: " + callId + "\r\n")) {
        return System.nanoTime() - t0;
      }
    }
  }
}
