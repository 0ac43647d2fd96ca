package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.routing.StateFeeder;
import io.trunkline.routing.service.call.B2buaService;
import io.trunkline.testsupport.FreePorts;
import io.trunkline.testsupport.KafkaBrokerResource;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interop with real peers: SIPp as the PBX and as the trunk, a Kamailio proxy in front of the
 * service and behind it (record-routing, so every in-dialog request crosses it too). Over UDP the
 * proxy drops the first INVITE, the first 200 and the first ACK of every Call-ID: the calls only
 * complete because the service retransmits its INVITE (timer A) and its 200 (until the ACK), and
 * answers the trunk's retransmitted 200 with its ACK again.
 */
@QuarkusTest
@TestProfile(KamailioInteropTest.Profile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class KamailioInteropTest {

  static final int CALLS = 5;
  static StateFeeder feeder;

  @Inject B2buaService b2bua;
  @Inject SipStackPort sip;

  /** The acceptance profile, with room for a lost INVITE before the trunk's first 1xx. */
  public static class Profile extends SipTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> m = new HashMap<>(super.getConfigOverrides());
      m.put("trunkline.routing.no-provisional-timeout", "4s");
      return m;
    }
  }

  @BeforeAll
  static void peers() {
    assumeTrue(
        ExternalPeer.installed("sipp"), "sipp is not installed (apt-get install sip-tester)");
    assumeTrue(
        ExternalPeer.installed("kamailio"), "kamailio is not installed (apt-get install kamailio)");
    feeder = new StateFeeder();
  }

  @AfterAll
  static void close() {
    if (feeder != null) {
      feeder.close();
    }
  }

  @Test
  void udpCallsCompleteThroughALossyKamailioInFrontAndBehind() throws Exception {
    String proxyLog = callsThroughKamailio("udp", "21");
    for (String lost : List.of("INVITE", "200", "ACK")) {
      // each call has two legs, each crossing the proxy once
      assertThat(count(proxyLog, "LOSSY dropped first " + lost + " of "))
          .as("first %s dropped per leg", lost)
          .isGreaterThanOrEqualTo(2 * CALLS);
    }
  }

  @Test
  void tcpCallsCompleteThroughKamailioInFrontAndBehind() throws Exception {
    String proxyLog = callsThroughKamailio("tcp", "22");
    assertThat(proxyLog).doesNotContain("LOSSY");
  }

  /** Places CALLS calls PBX -> Kamailio -> service -> Kamailio -> trunk; the proxy's log. */
  private String callsThroughKamailio(String transport, String prefix) throws Exception {
    int front = freePort();
    int behind = freePort();
    int trunkPort = freePort();
    try (ExternalPeer proxy =
            ExternalPeer.kamailio(
                Map.of(
                    "FRONT", front,
                    "BEHIND", behind,
                    "SERVICE", SipTestProfile.SIP_PORT,
                    "TRUNK", trunkPort));
        ExternalPeer trunk = ExternalPeer.sipp("trunk-uas.xml", trunkPort, transport, List.of())) {
      Map<String, Object> t = StateFeeder.trunk("interop-" + transport, behind);
      t.put("transport", transport.toUpperCase());
      feeder.trunkConfig(t);
      Map<String, Object> r = rule("interop-" + transport, prefix, 0, "+1", t);
      feeder.rule(r);
      SipAcceptanceSupport.awaitRule((String) r.get("id"), prefix + "2345");
      Thread.sleep(1500); // Kamailio and SIPp bind their sockets
      assertThat(proxy.alive()).as(proxy.output()).isTrue();

      try (ExternalPeer pbx =
          ExternalPeer.sipp(
              "pbx-uac.xml",
              freePort(),
              transport,
              List.of(
                  "-s",
                  prefix + "2345",
                  "-m",
                  Integer.toString(CALLS),
                  "-r",
                  "5",
                  "-timeout",
                  "60",
                  "-timeout_error",
                  "127.0.0.1:" + front))) {
        int exit = pbx.waitFor(90);
        assertThat(exit)
            .as("PBX SIPp: %s%nproxy: %s%ntrunk: %s", pbx.output(), proxy.output(), trunk.output())
            .isZero();
      }
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> b2bua.activeCalls() == 0 && sip.pbxLegs() == 0);
      return proxy.output();
    }
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /**
   * A port free for UDP and TCP alike, and not handed out before in this class: Kamailio listens on
   * both transports of its ports, and a port free only for UDP made it exit with "Address already
   * in use" now and then.
   */
  private static int freePort() throws Exception {
    while (true) {
      int port = FreePorts.udpAndTcp(InetAddress.getLoopbackAddress());
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
  }

  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
}
