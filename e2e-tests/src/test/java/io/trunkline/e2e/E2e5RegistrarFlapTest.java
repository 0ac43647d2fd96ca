package io.trunkline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A registrar that comes and goes: the status events follow it, and there is no REGISTER storm. */
class E2e5RegistrarFlapTest {

  @BeforeAll
  static void up() {
    LocalCluster.ensureUp();
  }

  @Test
  void statusFollowsAFlappingRegistrarWithoutAStorm() {
    Fixtures f = new Fixtures();
    int port = Sipp.freeUdpPort();
    Sipp registrar = Sipp.provider(port);
    String id = f.registerTrunk("flap", registrar, "flap-Secret-" + f.run);
    int registers = 0;
    for (int round = 0; round < 2; round++) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> assertThat(Api.registrationState(id)).isEqualTo("REGISTERED"));
      registers += registrar.receivedRequests("REGISTER").size();
      registrar.close();
      Api.registration().post("/api/v1/registrations/" + id + "/refresh");
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> assertThat(Api.registrationState(id)).isEqualTo("FAILED"));
      registrar = Sipp.provider(port);
      Api.registration().post("/api/v1/registrations/" + id + "/refresh");
    }
    Sipp last = registrar;
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(Api.registrationState(id)).isEqualTo("REGISTERED"));
    registers += last.receivedRequests("REGISTER").size();
    last.close();

    List<Map<String, Object>> events = Topics.valuesOf("trunk.status.v1", id);
    assertThat(events)
        .extracting(v -> (String) v.get("registration"))
        .containsSubsequence("REGISTERED", "FAILED", "REGISTERED", "FAILED", "REGISTERED");
    // three registrations with a 401-less registrar: a handful of REGISTERs each, not a storm
    assertThat(registers).isLessThan(30);
  }
}
