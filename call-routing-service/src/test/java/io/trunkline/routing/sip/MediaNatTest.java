package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.rule;
import static io.trunkline.routing.StateFeeder.trunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.routing.StateFeeder;
import io.trunkline.routing.media.NatLabResource;
import io.trunkline.routing.media.Sipp;
import io.trunkline.routing.service.call.B2buaService;
import io.trunkline.testsupport.NatLab;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PBX behind a masquerading router (a {@link NatLab}), the provider on the internet, SIPp on
 * both sides sending and receiving RTP; what reaches each side is counted by nftables in its own
 * namespace. Passed through, the PBX's private SDP address sends the provider's audio nowhere;
 * anchored, both sides talk to rtpengine and the audio arrives both ways.
 */
@QuarkusTest
@TestProfile(MediaNatTest.Profile.class)
class MediaNatTest {

  /** call-routing and rtpengine on the lab's host address. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "trunkline.routing.no-provisional-timeout", "2s",
          "trunkline.routing.final-answer-timeout", "5s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(NatLabResource.class));
    }
  }

  /** Audio length: longer than rtpengine's 3 s learning delay for the NATed side. */
  static final int AUDIO_MS = 6000;

  static final String MEDIA = "media";

  static StateFeeder feeder;
  static Sipp provider;
  static Path wav;

  @Inject B2buaService b2bua;
  @Inject SipStackPort sip;

  @BeforeAll
  static void providerOnTheInternet() throws Exception {
    assumeTrue(
        NatLabResource.possible(), "needs root, ip, nft, rtpengine and sipp (see deploy/local)");
    NatLab lab = NatLabResource.lab;
    feeder = new StateFeeder();
    wav = Sipp.alawWav(Files.createTempDirectory("nat-audio-"), AUDIO_MS);
    provider =
        Sipp.start(
            lab.outside,
            "provider-rtp.xml",
            Map.of("WAV", wav.toString()),
            List.of("-i", lab.outsideAddress(), "-p", "5060", "-mp", "6000"));
    lab.lan.countIncoming(MEDIA, "udp dport != 5060");
    lab.outside.countIncoming(MEDIA, "udp dport != 5060");
  }

  @AfterAll
  static void stop() {
    if (provider != null) {
      provider.close();
    }
    if (feeder != null) {
      feeder.close();
    }
  }

  @BeforeEach
  void freshCounts() {
    NatLabResource.lab.lan.resetCounter(MEDIA);
    NatLabResource.lab.outside.resetCounter(MEDIA);
  }

  private String route(String name, String prefix, boolean anchor) {
    Map<String, Object> t = trunk(name, 5060);
    t.put("host", NatLabResource.lab.outsideAddress());
    t.put("media", anchor ? "ANCHOR" : "PASS_THROUGH");
    feeder.trunkConfig(t);
    Map<String, Object> r = rule("nat-" + name, prefix, 0, null, t);
    feeder.rule(r);
    SipAcceptanceSupport.awaitRule((String) r.get("id"), prefix + "2345");
    return prefix + "2345";
  }

  /** One call from the PBX behind NAT, with audio both ways; the PBX's SIPp. */
  private Sipp call(String number) throws Exception {
    NatLab lab = NatLabResource.lab;
    Sipp pbx =
        Sipp.start(
            lab.lan,
            "pbx-rtp.xml",
            Map.of("WAV", wav.toString(), "PAUSE", Integer.toString(AUDIO_MS + 500)),
            List.of(
                "-i",
                lab.lanAddress(),
                "-p",
                "5060",
                "-mp",
                "6000",
                "-s",
                number,
                "-m",
                "1",
                "-timeout",
                "30",
                "-timeout_error",
                lab.hostAddress() + ":" + NatLabResource.sipPort));
    assertThat(pbx.waitFor(40)).as(pbx.output() + "\nprovider: " + provider.output()).isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> b2bua.activeCalls() == 0 && sip.pbxLegs() == 0);
    return pbx;
  }

  private static String lastInviteSdpAddress() throws Exception {
    List<String> invites = provider.received("INVITE ");
    assertThat(invites).isNotEmpty();
    return Sipp.connectionAddress(invites.get(invites.size() - 1));
  }

  @Test
  void passedThroughTheProvidersAudioNeverReachesThePbx() throws Exception {
    NatLab lab = NatLabResource.lab;
    try (Sipp pbx = call(route("pass", "71", false))) {
      // the provider was told the PBX's private address
      assertThat(lastInviteSdpAddress()).isEqualTo(lab.lanAddress());
      assertThat(Sipp.connectionAddress(pbx.received("SIP/2.0 200").get(0)))
          .isEqualTo(lab.outsideAddress());
    }
    System.out.printf(
        "passed through: provider received %d, PBX received %d media packets%n",
        lab.outside.packets(MEDIA), lab.lan.packets(MEDIA));
    // the PBX's audio got out through its router; nothing came back in
    assertThat(lab.outside.packets(MEDIA)).isGreaterThan(100);
    assertThat(lab.lan.packets(MEDIA)).isZero();
  }

  @Test
  void anchoredTheAudioFlowsBothWaysThroughTheRelay() throws Exception {
    NatLab lab = NatLabResource.lab;
    try (Sipp pbx = call(route("anchor", "72", true))) {
      // both sides were given rtpengine's address, none the other side's
      assertThat(lastInviteSdpAddress()).isEqualTo(lab.hostAddress());
      assertThat(Sipp.connectionAddress(pbx.received("SIP/2.0 200").get(0)))
          .isEqualTo(lab.hostAddress());
    }
    System.out.printf(
        "anchored: provider received %d, PBX received %d media packets%n",
        lab.outside.packets(MEDIA), lab.lan.packets(MEDIA));
    assertThat(lab.outside.packets(MEDIA)).isGreaterThan(100);
    // from the PBX's first packet on rtpengine knows the router's mapping (after its 3 s delay
    // of learning): the provider's audio arrives through the NAT
    assertThat(lab.lan.packets(MEDIA)).isGreaterThan(50);
    await().atMost(Duration.ofSeconds(5)).until(() -> NatLabResource.rtpengine.calls().isEmpty());
  }
}
