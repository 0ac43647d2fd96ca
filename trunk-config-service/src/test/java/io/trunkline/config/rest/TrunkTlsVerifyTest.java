package io.trunkline.config.rest;

import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.count;
import static io.trunkline.config.TestSupport.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.config.GrpcClients;
import io.trunkline.config.TestSupport;
import io.trunkline.config.Topics;
import io.trunkline.config.grpc.v1.ReplaceTrunkRequest;
import io.trunkline.config.grpc.v1.Trunk;
import io.trunkline.config.grpc.v1.TrunkId;
import io.trunkline.config.grpc.v1.TrunkSpec;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code tlsVerify} per trunk: checked by default, switched off and on again over REST and gRPC,
 * validated as a boolean, carried on trunk.config.v1.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class TrunkTlsVerifyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String tlsTrunk(String name, String extra) {
    return "{\"name\":\"%s\",\"host\":\"sip.example.com\",\"transport\":\"TLS\",\"authMode\":\"IP\"%s}"
        .formatted(name, extra);
  }

  @Test
  void certificatesAreCheckedUnlessTheTrunkSwitchesItOff() throws Exception {
    api()
        .body(tlsTrunk(name("tls-default"), ""))
        .post("/api/v1/trunks")
        .then()
        .statusCode(201)
        .body("port", equalTo(5061))
        .body("tlsVerify", equalTo(true));
    String id =
        api()
            .body(tlsTrunk(name("tls-unchecked"), ",\"tlsVerify\":false"))
            .post("/api/v1/trunks")
            .then()
            .statusCode(201)
            .body("tlsVerify", equalTo(false))
            .extract()
            .path("id");
    assertThat(TestSupport.string("select tls_verify from trunk where id = '" + id + "'"))
        .isIn("f", "false");
    api()
        .body("{\"enabled\":false}")
        .patch("/api/v1/trunks/" + id)
        .then()
        .statusCode(200)
        .body("tlsVerify", equalTo(false));
    api().get("/api/v1/trunks/" + id).then().statusCode(200).body("tlsVerify", equalTo(false));
    List<ConsumerRecord<String, String>> events = Topics.awaitForKey("trunk.config.v1", id, 2);
    JsonNode latest = JSON.readTree(events.get(events.size() - 1).value());
    assertThat(latest.get("tlsVerify").isBoolean()).isTrue();
    assertThat(latest.get("tlsVerify").asBoolean()).isFalse();
  }

  @Test
  void patchSwitchesTheCheckOffAndOnAgain() throws Exception {
    String id =
        api()
            .body(tlsTrunk(name("tls-patch"), ""))
            .post("/api/v1/trunks")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    api()
        .body("{\"tlsVerify\":false}")
        .patch("/api/v1/trunks/" + id)
        .then()
        .statusCode(200)
        .body("tlsVerify", equalTo(false));
    api().get("/api/v1/trunks/" + id).then().statusCode(200).body("tlsVerify", equalTo(false));
    api()
        .body("{\"tlsVerify\":\"off\"}")
        .patch("/api/v1/trunks/" + id)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("tlsVerify"));
    api().get("/api/v1/trunks/" + id).then().statusCode(200).body("tlsVerify", equalTo(false));
    api()
        .body("{\"tlsVerify\":true}")
        .patch("/api/v1/trunks/" + id)
        .then()
        .statusCode(200)
        .body("tlsVerify", equalTo(true));
    assertThat(TestSupport.string("select tls_verify from trunk where id = '" + id + "'"))
        .isIn("t", "true");
    // create, off, on: the third record is the latest and carries the check again
    List<ConsumerRecord<String, String>> events = Topics.awaitForKey("trunk.config.v1", id, 3);
    assertThat(events).hasSize(3);
    assertThat(JSON.readTree(events.get(1).value()).get("tlsVerify").asBoolean()).isFalse();
    assertThat(JSON.readTree(events.get(2).value()).get("tlsVerify").asBoolean()).isTrue();
  }

  @Test
  void grpcCreatesATrunkWithoutTheCheckAndGetsItBack() throws InterruptedException {
    ManagedChannel channel = GrpcClients.channel();
    try {
      var stub = GrpcClients.stub(channel, 20_000);
      TrunkSpec.Builder spec =
          TrunkSpec.newBuilder().setHost("sip.example.com").setTransport("TLS").setAuthMode("IP");
      Trunk unchecked =
          stub.createTrunk(spec.clone().setName(name("grpc-tls-off")).setTlsVerify(false).build());
      assertThat(unchecked.getTlsVerify()).isFalse();
      Trunk got = stub.getTrunk(TrunkId.newBuilder().setId(unchecked.getId()).build());
      assertThat(got.getTlsVerify()).isFalse();
      api()
          .get("/api/v1/trunks/" + unchecked.getId())
          .then()
          .statusCode(200)
          .body("tlsVerify", equalTo(false));
      // left unset, the field means what it means over REST: the certificate is checked
      Trunk checked = stub.createTrunk(spec.clone().setName(name("grpc-tls-on")).build());
      assertThat(checked.getTlsVerify()).isTrue();
      Trunk replaced =
          stub.replaceTrunk(
              ReplaceTrunkRequest.newBuilder()
                  .setId(unchecked.getId())
                  .setTrunk(spec.clone().setName(got.getName()))
                  .build());
      assertThat(replaced.getTlsVerify()).isTrue();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aTlsVerifyThatIsNoBooleanIsNamedAndNothingIsStored() {
    long trunks = count("select count(*) from trunk");
    api()
        .body(tlsTrunk(name("tls-bad"), ",\"tlsVerify\":\"no\""))
        .post("/api/v1/trunks")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("tlsVerify"));
    assertThat(count("select count(*) from trunk")).isEqualTo(trunks);
  }
}
