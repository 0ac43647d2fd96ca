package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.rule;
import static io.trunkline.routing.StateFeeder.trunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.routing.StateFeeder;
import io.trunkline.routing.media.Rtpengine;
import io.trunkline.routing.media.RtpengineRelay;
import io.trunkline.routing.media.RtpengineResource;
import io.trunkline.routing.media.Sipp;
import io.trunkline.routing.service.call.B2buaService;
import jakarta.inject.Inject;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 1,000 anchored calls with a little audio each way (SIPp on both sides, RTP through rtpengine), at
 * 50 calls/s (a rate a loaded 2-core host keeps up with; faster runs: deploy/loadtest/media):
 * afterwards rtpengine holds no session (its own list and statistics), the service counts none, and
 * rtpengine relayed the audio of every call.
 */
@QuarkusTest
@TestProfile(MediaAnchoringTest.Profile.class)
class MediaLoadTest {

  static final int CALLS = 1000;

  @Inject B2buaService b2bua;
  @Inject SipStackPort sip;
  @Inject RtpengineRelay relay;

  @Test
  void aThousandAnchoredCallsWithAudioLeaveNothingInTheRelay() throws Exception {
    assumeTrue(Rtpengine.installed() && Sipp.installed(), "needs rtpengine and sipp");
    Rtpengine rtpengine = RtpengineResource.live;
    long sessionsBefore = rtpengine.statistic("totalstatistics", "managedsessions");
    long packetsBefore = rtpengine.statistic("totalstatistics", "relayedpackets");
    Path audio = Sipp.alawWav(Files.createTempDirectory("load-audio-"), 100); // 5 packets
    int trunkPort = freePort();
    try (StateFeeder feeder = new StateFeeder();
        Sipp trunk =
            Sipp.start(
                null,
                "provider-rtp.xml",
                Map.of("WAV", audio.toString()),
                List.of("-i", "127.0.0.1", "-p", Integer.toString(trunkPort), "-mp", "26000"))) {
      Map<String, Object> t = trunk("load-anchored", trunkPort);
      t.put("media", "ANCHOR");
      feeder.trunkConfig(t);
      Map<String, Object> r = rule("load-anchored", "73", 0, null, t);
      feeder.rule(r);
      SipAcceptanceSupport.awaitRule((String) r.get("id"), "732345");
      try (Sipp pbx =
          Sipp.start(
              null,
              "pbx-rtp.xml",
              Map.of("WAV", audio.toString(), "PAUSE", "300"),
              List.of(
                  "-i",
                  "127.0.0.1",
                  "-p",
                  Integer.toString(freePort()),
                  "-mp",
                  "28000",
                  "-s",
                  "732345",
                  "-m",
                  Integer.toString(CALLS),
                  "-r",
                  "50",
                  "-l",
                  "200",
                  "-timeout",
                  "120",
                  "-timeout_error",
                  "127.0.0.1:" + SipTestProfile.SIP_PORT))) {
        assertThat(pbx.waitFor(150)).as(pbx.output() + "\ntrunk: " + trunk.output()).isZero();
      }
    }
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> b2bua.activeCalls() == 0 && sip.pbxLegs() == 0);
    await().atMost(Duration.ofSeconds(15)).until(() -> rtpengine.calls().isEmpty());
    assertThat(rtpengine.statistic("currentstatistics", "sessionsown")).isZero();
    assertThat(relay.activeSessions()).isZero();
    long sessions = rtpengine.statistic("totalstatistics", "managedsessions") - sessionsBefore;
    long packets = rtpengine.statistic("totalstatistics", "relayedpackets") - packetsBefore;
    System.out.printf(
        "%d calls: rtpengine managed %d sessions, relayed %d packets, holds %d now%n",
        CALLS, sessions, packets, rtpengine.calls().size());
    assertThat(sessions).isEqualTo(CALLS);
    // 5 packets each way per call, some lost at the call's edges: most of them were relayed
    assertThat(packets).isGreaterThan(CALLS * 5L);
  }

  private static int freePort() throws Exception {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }
}
