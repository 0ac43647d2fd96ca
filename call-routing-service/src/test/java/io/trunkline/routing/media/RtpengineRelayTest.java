package io.trunkline.routing.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trunkline.routing.service.MediaEncryption;
import io.trunkline.routing.service.call.MediaPeer;
import io.trunkline.routing.service.call.MediaSession;
import io.trunkline.routing.service.call.MediaSide;
import io.trunkline.routing.service.call.SipBody;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rtpengine adapter against a real rtpengine (offer, answer, re-offer, delete, SDES and DTLS
 * towards the trunk) and against fake ng peers for what a real one will not do on demand (stay
 * silent, lose a datagram, answer garbage).
 */
class RtpengineRelayTest {

  static final String PBX_SDP =
      "v=0\r\no=pbx 1 1 IN IP4 10.20.30.40\r\ns=-\r\nc=IN IP4 10.20.30.40\r\nt=0 0\r\n"
          + "m=audio 6000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\n"
          + "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
  static final String TRUNK_SDES_SDP =
      "v=0\r\no=trunk 2 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          + "m=audio 7000 RTP/SAVP 8\r\na=rtpmap:8 PCMA/8000\r\n"
          + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n"
          + "a=sendrecv\r\n";

  static Rtpengine rtpengine;
  private RtpengineRelay relay;
  private SimpleMeterRegistry registry;
  private final List<FakeNg> fakes = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startRtpengine() throws Exception {
    assumeTrue(
        Rtpengine.installed(), "rtpengine is not installed (apt-get install rtpengine-daemon)");
    rtpengine = Rtpengine.start("127.0.0.1");
  }

  @AfterAll
  static void stopRtpengine() {
    if (rtpengine != null) {
      rtpengine.close();
    }
  }

  @AfterEach
  void stop() {
    if (relay != null) {
      relay.onStop(null);
    }
    fakes.forEach(FakeNg::close);
  }

  private RtpengineRelay relay(Duration ping, String... instances) {
    registry = new SimpleMeterRegistry();
    relay = new RtpengineRelay(config(ping, List.of(instances)), registry);
    relay.onStart(null);
    return relay;
  }

  static SipBody sdp(String s) {
    return new SipBody("application/sdp", s.getBytes(StandardCharsets.UTF_8));
  }

  static String text(CompletableFuture<SipBody> f) {
    return new String(f.join().content(), StandardCharsets.UTF_8);
  }

  private static CompletableFuture<SipBody> f(java.util.concurrent.CompletionStage<SipBody> s) {
    return s.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS);
  }

  private double errors(String reason) {
    var c = registry.find("media_errors").tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void anSdesTrunkGetsSrtpWithCryptoLinesAndThePbxPlainRtp() throws Exception {
    relay(Duration.ofMinutes(1), rtpengine.ng());
    MediaSession s =
        relay.open(
            "sdes-1",
            new MediaPeer("10.20.30.40", MediaEncryption.NONE),
            new MediaPeer(null, MediaEncryption.SDES));
    String toTrunk = text(f(s.offer(MediaSide.CALLER, sdp(PBX_SDP))));
    assertThat(toTrunk).contains("c=IN IP4 127.0.0.1").contains("RTP/SAVP 8");
    assertThat(toTrunk).doesNotContain("10.20.30.40").doesNotContain("a=fingerprint");
    assertThat(toTrunk.lines().filter(l -> l.startsWith("a=crypto:")).map(l -> l.split(" ")[1]))
        .containsExactlyInAnyOrder("AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32");
    assertThat(port(toTrunk)).isBetween(rtpengine.portMin, rtpengine.portMax);
    assertThat(rtpengine.calls()).contains("sdes-1");
    assertThat(relay.activeSessions()).isEqualTo(1);

    String toPbx = text(f(s.answer(MediaSide.CALLEE, sdp(TRUNK_SDES_SDP))));
    assertThat(toPbx).contains("c=IN IP4 127.0.0.1").contains("RTP/AVP 8");
    assertThat(toPbx).doesNotContain("a=crypto").doesNotContain("7000");
    assertThat(port(toPbx)).isBetween(rtpengine.portMin, rtpengine.portMax);

    // a re-INVITE from the trunk: its offer goes to the PBX as plain RTP, the PBX's answer back
    String reOffer =
        text(f(s.offer(MediaSide.CALLEE, sdp(TRUNK_SDES_SDP.replace("7000", "7010")))));
    assertThat(reOffer).contains("RTP/AVP 8").doesNotContain("a=crypto");
    String reAnswer = text(f(s.answer(MediaSide.CALLER, sdp(PBX_SDP.replace("6000", "6010")))));
    assertThat(reAnswer).contains("RTP/SAVP").contains("a=crypto:");

    s.delete();
    await().atMost(Duration.ofSeconds(5)).until(() -> !rtpengine.calls().contains("sdes-1"));
    assertThat(relay.activeSessions()).isZero();
    assertThat(registry.get("media_sessions_active").gauge().value()).isZero();
    assertThat(registry.get("media_offer").timer().count()).isEqualTo(2);
  }

  @Test
  void aDtlsTrunkGetsAFingerprintAndNoCryptoLines() {
    relay(Duration.ofMinutes(1), rtpengine.ng());
    MediaSession s =
        relay.open(
            "dtls-1",
            new MediaPeer("10.20.30.40", MediaEncryption.NONE),
            new MediaPeer(null, MediaEncryption.DTLS));
    String toTrunk = text(f(s.offer(MediaSide.CALLER, sdp(PBX_SDP))));
    assertThat(toTrunk).contains("UDP/TLS/RTP/SAVP").contains("a=fingerprint:sha-256");
    assertThat(toTrunk).doesNotContain("a=crypto");
    s.delete();
  }

  @Test
  void commandsRunInOrderAndADeleteGivenEarlyStillRemovesTheCall() throws Exception {
    relay(Duration.ofMinutes(1), rtpengine.ng());
    MediaSession s =
        relay.open(
            "order-1",
            new MediaPeer(null, MediaEncryption.NONE),
            new MediaPeer(null, MediaEncryption.NONE));
    List<String> order = new CopyOnWriteArrayList<>();
    // all three given at once, as a fast call would: offer, answer, then the hang-up
    var offer = f(s.offer(MediaSide.CALLER, sdp(PBX_SDP))).thenRun(() -> order.add("offer"));
    var answer =
        f(s.answer(MediaSide.CALLEE, sdp(PBX_SDP.replace("6000", "7000"))))
            .thenRun(() -> order.add("answer"));
    s.delete();
    var late = f(s.offer(MediaSide.CALLER, sdp(PBX_SDP)));
    offer.join();
    answer.join();
    assertThat(order).containsExactly("offer", "answer");
    assertThat(late).failsWithin(Duration.ofSeconds(5));
    await().atMost(Duration.ofSeconds(5)).until(() -> !rtpengine.calls().contains("order-1"));
    assertThat(relay.activeSessions()).isZero();
  }

  @Test
  void aSilentInstanceIsSkippedMarkedDownAndNotAskedAgain() throws Exception {
    FakeNg silent = fake((cookie, n) -> null);
    relay(Duration.ofMinutes(1), silent.address(), rtpengine.ng());
    // round-robin starts at the first instance: the silent one
    MediaSession first =
        relay.open("skip-1", new MediaPeer(null, MediaEncryption.NONE), peerNone());
    assertThat(text(f(first.offer(MediaSide.CALLER, sdp(PBX_SDP))))).contains("RTP/AVP");
    List<String> offers = silent.commands("offer");
    assertThat(offers).as("the offer, then its retransmissions").hasSizeGreaterThan(1);
    assertThat(offers.stream().map(d -> d.split(" ")[0]).distinct()).hasSize(1);
    assertThat(errors("timeout")).isEqualTo(1);
    assertThat(registry.get("media_relay_up").tag("relay", silent.address()).gauge().value())
        .isZero();
    MediaSession second =
        relay.open("skip-2", new MediaPeer(null, MediaEncryption.NONE), peerNone());
    f(second.offer(MediaSide.CALLER, sdp(PBX_SDP))).join();
    assertThat(silent.commands("offer")).hasSize(offers.size());
    assertThat(rtpengine.calls()).contains("skip-1", "skip-2");
    first.delete();
    second.delete();
    await().atMost(Duration.ofSeconds(5)).until(() -> rtpengine.calls().isEmpty());
  }

  @Test
  void aSlowInstanceStaysInTheRotationAndAnOfferItCarriesOutTooLateIsDeleted() throws Exception {
    // answers everything, 700 ms late (the timeout is 500 ms)
    FakeNg slow = fake((cookie, n) -> n == 1 ? "d6:result2:ok3:sdp3:v=0e" : null);
    slow.delayMillis = 700;
    relay(Duration.ofMinutes(1), slow.address(), rtpengine.ng());
    var instance = relay.instances.all().get(0);
    // traffic before: its late answers show it alive when a later command times out
    var first = relay.send(instance, Map.of("command", "list"));
    Thread.sleep(600);
    var second = relay.send(instance, Map.of("command", "list"));
    assertThat(reason(first)).isEqualTo("timeout");
    assertThat(reason(second)).isEqualTo("timeout");
    assertThat(instance.up()).as("slow, not gone").isTrue();

    MediaSession s = relay.open("late-1", new MediaPeer(null, MediaEncryption.NONE), peerNone());
    // round-robin puts the slow instance first: the offer fails over to the real rtpengine, and
    // the slow one is told to delete what it may still create for it
    assertThat(text(f(s.offer(MediaSide.CALLER, sdp(PBX_SDP))))).contains("RTP/AVP");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> slow.commands("delete").stream().anyMatch(d -> d.contains("6:late-1")));
    assertThat(rtpengine.calls()).contains("late-1");
    s.delete();
  }

  @Test
  void withEveryInstanceDownTheyAreStillTriedAndTheOfferFails() {
    FakeNg silent = fake((cookie, n) -> null);
    relay(Duration.ofMinutes(1), silent.address());
    MediaSession s = relay.open("none-1", new MediaPeer(null, MediaEncryption.NONE), peerNone());
    assertThat(reason(f(s.offer(MediaSide.CALLER, sdp(PBX_SDP))))).isEqualTo("no_instance");
    assertThat(relay.instances.all().get(0).up()).isFalse();
    // the only relay is down: a last resort rather than refusing every call until a ping
    MediaSession t = relay.open("none-2", new MediaPeer(null, MediaEncryption.NONE), peerNone());
    assertThat(reason(f(t.offer(MediaSide.CALLER, sdp(PBX_SDP))))).isEqualTo("no_instance");
    assertThat(silent.commands("offer").stream().map(d -> d.split(" ")[0]).distinct()).hasSize(2);
    assertThat(errors("no_instance")).isEqualTo(2);
    assertThat(relay.activeSessions()).isZero();
  }

  @Test
  void aLostCommandIsSentAgainWithTheSameCookie() {
    // loses the first datagram of every command
    FakeNg lossy = fake((cookie, n) -> n == 1 ? null : "d6:result4:ponge");
    relay(Duration.ofMinutes(1), lossy.address());
    Map<String, Object> reply =
        relay.send(relay.instances.all().get(0), Map.of("command", "list")).join();
    assertThat(Bencode.text(reply.get("result"))).isEqualTo("pong");
    List<String> sent = lossy.commands("list");
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0)).isEqualTo(sent.get(1));
  }

  @Test
  void refusedAndUnreadableRepliesFailWithTheirReason() {
    FakeNg refusing = fake((cookie, n) -> "d6:result5:error12:error-reason8:no spacee");
    FakeNg garbage = fake((cookie, n) -> "d6:resul");
    FakeNg stranger = fake((cookie, n) -> null);
    stranger.replyAs = "somebody-else";
    relay(Duration.ofMinutes(1), refusing.address(), garbage.address(), stranger.address());
    var all = relay.instances.all();
    assertThat(reason(relay.send(all.get(0), NgCommands.ping()))).isEqualTo("error");
    assertThat(reason(relay.send(all.get(1), NgCommands.ping()))).isEqualTo("malformed");
    // a reply whose cookie is not ours is not taken for the answer
    assertThat(reason(relay.send(all.get(2), NgCommands.ping()))).isEqualTo("timeout");
    assertThat(stranger.datagrams).isNotEmpty();
    assertThat(errors("error")).isEqualTo(1);
    assertThat(errors("malformed")).isEqualTo(1);
  }

  @Test
  void theHealthCheckTakesADownInstanceBackWhenItAnswers() {
    FakeNg flaky = fake((cookie, n) -> null);
    relay(Duration.ofMillis(200), flaky.address());
    var instance = relay.instances.all().get(0);
    await().atMost(Duration.ofSeconds(10)).until(() -> !instance.up());
    flaky.answer = (cookie, n) -> "d6:result4:ponge";
    await().atMost(Duration.ofSeconds(10)).until(instance::up);
  }

  @Test
  void shutdownDeletesTheSessionsStillOpen() throws Exception {
    relay(Duration.ofMinutes(1), rtpengine.ng());
    MediaSession s = relay.open("stop-1", new MediaPeer(null, MediaEncryption.NONE), peerNone());
    f(s.offer(MediaSide.CALLER, sdp(PBX_SDP))).join();
    assertThat(rtpengine.calls()).contains("stop-1");
    relay.onStop(null);
    relay = null;
    assertThat(rtpengine.calls()).doesNotContain("stop-1");
  }

  private static MediaPeer peerNone() {
    return new MediaPeer(null, MediaEncryption.NONE);
  }

  private static String reason(CompletableFuture<?> f) {
    try {
      f.orTimeout(10, TimeUnit.SECONDS).join();
      return "succeeded";
    } catch (CompletionException e) {
      return RtpengineRelay.cause(e).reason();
    }
  }

  static int port(String sdp) {
    return sdp.lines()
        .filter(l -> l.startsWith("m=audio "))
        .map(l -> Integer.parseInt(l.split(" ")[1]))
        .findFirst()
        .orElseThrow();
  }

  private FakeNg fake(BiFunction<String, Integer, String> answer) {
    FakeNg f = new FakeNg(answer);
    fakes.add(f);
    return f;
  }

  static MediaConfig config(Duration ping, List<String> instances) {
    return new MediaConfig() {
      @Override
      public Optional<List<String>> instances() {
        return Optional.of(instances);
      }

      @Override
      public Duration retransmitInterval() {
        return Duration.ofMillis(100);
      }

      @Override
      public Duration timeout() {
        return Duration.ofMillis(500);
      }

      @Override
      public Duration pingInterval() {
        return ping;
      }

      @Override
      public List<String> sdesExcludedSuites() {
        return List.of(
            "AEAD_AES_256_GCM",
            "AEAD_AES_128_GCM",
            "AES_256_CM_HMAC_SHA1_80",
            "AES_256_CM_HMAC_SHA1_32",
            "AES_192_CM_HMAC_SHA1_80",
            "AES_192_CM_HMAC_SHA1_32",
            "F8_128_HMAC_SHA1_80",
            "F8_128_HMAC_SHA1_32",
            "NULL_HMAC_SHA1_80",
            "NULL_HMAC_SHA1_32");
      }

      @Override
      public Duration shutdownGrace() {
        return Duration.ofSeconds(2);
      }
    };
  }

  /** A UDP peer on 127.0.0.1 that records every datagram and answers as told (null: silence). */
  static final class FakeNg implements AutoCloseable {
    final DatagramSocket socket;
    final List<String> datagrams = new CopyOnWriteArrayList<>();
    volatile BiFunction<String, Integer, String> answer;
    volatile String replyAs;
    volatile long delayMillis;
    private final Thread thread;

    FakeNg(BiFunction<String, Integer, String> answer) {
      this.answer = answer;
      try {
        socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      thread = new Thread(this::run, "fake-ng");
      thread.setDaemon(true);
      thread.start();
    }

    String address() {
      return "127.0.0.1:" + socket.getLocalPort();
    }

    /** The datagrams that carried a command (health-check pings come too). */
    List<String> commands(String command) {
      String key = "7:command" + command.length() + ":" + command;
      return datagrams.stream().filter(d -> d.contains(key)).toList();
    }

    private void run() {
      byte[] buf = new byte[65_535];
      while (!socket.isClosed()) {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          socket.receive(p);
          String text = new String(buf, 0, p.getLength(), StandardCharsets.ISO_8859_1);
          datagrams.add(text);
          String cookie = text.split(" ", 2)[0];
          int nth = (int) datagrams.stream().filter(d -> d.startsWith(cookie + " ")).count();
          String reply = answer.apply(cookie, nth);
          if ((reply != null || replyAs != null) && delayMillis > 0) {
            Thread.sleep(delayMillis); // one reply at a time: a slow daemon
          }
          if (reply != null || replyAs != null) {
            byte[] out =
                ((replyAs != null ? replyAs : cookie)
                        + " "
                        + (reply == null ? "d6:result4:ponge" : reply))
                    .getBytes(StandardCharsets.ISO_8859_1);
            socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
          }
        } catch (Exception e) {
          return;
        }
      }
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
