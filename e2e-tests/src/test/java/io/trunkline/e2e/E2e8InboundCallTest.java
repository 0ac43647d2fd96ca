package io.trunkline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The other half of trunking over the whole cluster: a provider calls one of the PBX's numbers. A
 * trunk with a DID pool and an inbound rule are created over the config API as an operator would; a
 * SIPp provider on its own loopback address calls the DID through call-routing, and a SIPp PBX
 * answers. A number outside the pool gets 404 and never reaches the PBX.
 */
class E2e8InboundCallTest {

  /** The provider's address: the trunk's host, more specific than the cluster's PBX sources. */
  static final String PROVIDER_IP = "127.0.0.21";

  static Sipp pbx;
  static String trunkId;
  static String ruleId;

  @BeforeAll
  static void up() {
    LocalCluster.ensureUp();
    pbx = Sipp.provider(Sipp.freeUdpPort());
  }

  @AfterAll
  static void down() {
    if (pbx != null) {
      pbx.close();
    }
    if (ruleId != null) {
      Api.config().delete("/api/v1/inbound-rules/" + ruleId);
    }
    if (trunkId != null) {
      Api.config().delete("/api/v1/trunks/" + trunkId);
    }
  }

  @Test
  void aProviderCallsADidAndThePbxAnswers() {
    Fixtures f = new Fixtures();
    String did = "4420" + (7_000_000 + ThreadLocalRandom.current().nextInt(1_000_000));
    trunkId =
        Api.createTrunk(
            Map.of(
                "name",
                "inbound-" + f.run,
                "host",
                PROVIDER_IP,
                "port",
                Fixtures.IDLE_TRUNK_PORT,
                "authMode",
                "IP",
                "optionsPing",
                false,
                "didNumbers",
                did));
    ruleId =
        Api.config()
            .body(
                Map.of(
                    "name",
                    "inbound-" + f.run,
                    "priority",
                    10,
                    "match",
                    Map.of("trunkIds", List.of(trunkId), "dids", did),
                    "destinations",
                    List.of(Map.of("host", "127.0.0.1", "port", pbx.port))))
            .post("/api/v1/inbound-rules")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    // the rule reaches call-routing through Kafka
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () ->
                ruleId.equals(
                    Api.routing()
                        .body(Map.of("trunkId", trunkId, "did", did, "caller", "15550001"))
                        .post("/api/v1/routing/resolve-inbound")
                        .then()
                        .extract()
                        .path("ruleId")));

    String provider = Sipp.callFrom(PROVIDER_IP, "15550001", "+" + did);

    assertThat(provider).contains("SIP/2.0 200 OK");
    assertThat(pbx.receivedRequestLines("INVITE"))
        .anyMatch(l -> l.startsWith("INVITE sip:" + did + "@127.0.0.1:" + pbx.port));
    // the provider's BYE is answered on its own leg; its copy reaches the PBX a moment later
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(pbx.receivedRequestLines("BYE")).isNotEmpty());

    String outside = Sipp.callFrom(PROVIDER_IP, "15550001", "+4420" + "99" + did.substring(6));
    assertThat(outside).contains("SIP/2.0 404");
    assertThat(pbx.receivedRequestLines("INVITE")).hasSize(1);
  }
}
