package io.trunkline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each service killed with SIGKILL and started again: no accepted change lost, registrations
 * restored and spread over time, no call left stuck.
 */
class E2e4ServiceKillTest {

  /** REGISTER trunks restored after the kill; enough to tell a spread from a burst. */
  static final int TRUNKS = 8;

  static Sipp provider;
  static Sipp registrar;

  @BeforeAll
  static void up() {
    LocalCluster.ensureUp();
    provider = Sipp.provider(Sipp.freeUdpPort());
    registrar = Sipp.provider(Sipp.freeUdpPort());
  }

  @AfterAll
  static void down() {
    LocalCluster.restoreAll();
    provider.close();
    registrar.close();
  }

  @Test
  void configServiceKilledLosesNoAcceptedChange() {
    Fixtures f = new Fixtures();
    String id = Api.createTrunk(Fixtures.idleIpTrunk("kill-" + f.run));
    LocalCluster.kill("trunk-config-service");
    LocalCluster.restoreAll();
    Api.config().get("/api/v1/trunks/" + id).then().statusCode(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(Topics.valuesOf("trunk.config.v1", id)).isNotEmpty());
  }

  @Test
  void registrationServiceKilledRestoresTheRegistrationsSpreadOverTime() {
    Fixtures f = new Fixtures();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < TRUNKS; i++) {
      ids.add(f.registerTrunk("kill-reg" + i, registrar, "kill-Secret-" + f.run));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> ids.forEach(id -> assertThat(Api.registrationState(id)).isEqualTo("REGISTERED")));

    LocalCluster.kill("registration-service");
    LocalDateTime killed = LocalDateTime.now();
    LocalCluster.restoreAll();

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> ids.forEach(id -> assertThat(Api.registrationState(id)).isEqualTo("REGISTERED")));
    // The restarted instance's first REGISTER of each trunk (new Call-IDs): spread over the
    // initial-spread window (10 s), not a burst at start-up.
    Map<String, LocalDateTime> firstByCallId = new LinkedHashMap<>();
    registrar.arrivals("REGISTER").stream()
        .filter(a -> a.at().isAfter(killed))
        .forEach(a -> firstByCallId.putIfAbsent(a.callId(), a.at()));
    assertThat(firstByCallId).hasSizeGreaterThanOrEqualTo(TRUNKS);
    List<LocalDateTime> firsts = firstByCallId.values().stream().sorted().toList();
    Duration spread = Duration.between(firsts.get(0), firsts.get(TRUNKS - 1));
    assertThat(spread).isGreaterThan(Duration.ofSeconds(2));
  }

  @Test
  void routingServiceKilledComesBackWithItsStateAndNoStuckCall() {
    Fixtures f = new Fixtures();
    String trunk = f.ipTrunk("kill-route", provider);
    f.rule("+1", trunk);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(E2e1StoryTest.candidateTrunks(f.dialled("555"))).containsExactly(trunk));

    LocalCluster.kill("call-routing-service");
    LocalCluster.restoreAll();

    // the state is rebuilt from the compacted topics, and calls go through again
    assertThat(E2e1StoryTest.candidateTrunks(f.dialled("555"))).containsExactly(trunk);
    assertThat(Sipp.call("101", f.dialled("555"))).isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(Api.metrics(LocalCluster.ROUTING_URL))
                    .doesNotContainPattern("trunk_active_calls\\{[^}]*\\} [1-9]"));
  }
}
