package io.trunkline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker killed for 60 s while config changes and calls go on: config still answers 2xx, calls
 * route from the last known state, and every change arrives once the broker is back.
 */
class E2e2KafkaOutageTest {

  static Sipp provider;

  @BeforeAll
  static void up() {
    LocalCluster.ensureUp();
    provider = Sipp.provider(Sipp.freeUdpPort());
  }

  @AfterAll
  static void down() {
    LocalCluster.restoreAll();
    provider.close();
  }

  @Test
  void configAndCallsSurviveABrokerOutage() throws Exception {
    Fixtures f = new Fixtures();
    String trunk = f.ipTrunk("kafka-outage", provider);
    f.rule("+49", trunk);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(E2e1StoryTest.candidateTrunks(f.dialled("777"))).containsExactly(trunk));

    LocalCluster.kill("kafka");
    long outageStart = System.nanoTime();
    List<String> createdDuringOutage = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      createdDuringOutage.add(Api.createTrunk(Fixtures.idleIpTrunk("outage-" + i + "-" + f.run)));
    }
    // calls route from the last known state while the broker is away
    assertThat(Sipp.call("101", f.dialled("777"))).isZero();
    assertThat(provider.receivedRequestLines("INVITE"))
        .anySatisfy(l -> assertThat(l).startsWith("INVITE sip:+49777@"));

    long left = Duration.ofSeconds(60).toNanos() - (System.nanoTime() - outageStart);
    if (left > 0) {
      Thread.sleep(left / 1_000_000);
    }
    LocalCluster.restoreAll();

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              for (String id : createdDuringOutage) {
                assertThat(Topics.valuesOf("trunk.config.v1", id)).isNotEmpty();
              }
            });
  }
}
