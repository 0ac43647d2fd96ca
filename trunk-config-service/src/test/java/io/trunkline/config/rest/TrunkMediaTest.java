package io.trunkline.config.rest;

import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.count;
import static io.trunkline.config.TestSupport.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.config.GrpcClients;
import io.trunkline.config.TestSupport;
import io.trunkline.config.Topics;
import io.trunkline.config.grpc.v1.ListProvidersRequest;
import io.trunkline.config.grpc.v1.Provider;
import io.trunkline.config.grpc.v1.Trunk;
import io.trunkline.config.grpc.v1.TrunkSpec;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Per-trunk media anchoring: {@code media} (PASS_THROUGH, ANCHOR) and {@code mediaEncryption}
 * (NONE, SDES, DTLS) through REST and gRPC, their validation, the Telnyx template's SRTP and the
 * fields on trunk.config.v1.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class TrunkMediaTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String ipTrunk(String name, String extra) {
    return "{\"name\":\"%s\",\"host\":\"sip.example.com\",\"authMode\":\"IP\"%s}"
        .formatted(name, extra);
  }

  @Test
  void aTrunkPassesMediaThroughUnlessItAnchors() {
    api()
        .body(ipTrunk(name("media-default"), ""))
        .post("/api/v1/trunks")
        .then()
        .statusCode(201)
        .body("media", equalTo("PASS_THROUGH"))
        .body("mediaEncryption", equalTo("NONE"));
  }

  @Test
  void anAnchoredSdesTrunkIsStoredPatchedAndPublished() throws Exception {
    String id =
        api()
            .body(ipTrunk(name("media-sdes"), ",\"media\":\"ANCHOR\",\"mediaEncryption\":\"SDES\""))
            .post("/api/v1/trunks")
            .then()
            .statusCode(201)
            .body("media", equalTo("ANCHOR"))
            .body("mediaEncryption", equalTo("SDES"))
            .extract()
            .path("id");
    api()
        .body("{\"mediaEncryption\":\"DTLS\"}")
        .patch("/api/v1/trunks/" + id)
        .then()
        .statusCode(200)
        .body("media", equalTo("ANCHOR"))
        .body("mediaEncryption", equalTo("DTLS"));
    assertThat(TestSupport.string("select media_encryption from trunk where id = '" + id + "'"))
        .isEqualTo("DTLS");
    List<ConsumerRecord<String, String>> events = Topics.awaitForKey("trunk.config.v1", id, 2);
    JsonNode latest = JSON.readTree(events.get(events.size() - 1).value());
    assertThat(latest.get("media").asText()).isEqualTo("ANCHOR");
    assertThat(latest.get("mediaEncryption").asText()).isEqualTo("DTLS");
  }

  @Test
  void badMediaValuesAreNamedAndNothingIsStored() {
    long trunks = count("select count(*) from trunk");
    long outbox = count("select count(*) from outbox");
    api()
        .body(ipTrunk(name("media-bad"), ",\"media\":\"RELAY\",\"mediaEncryption\":\"ZRTP\""))
        .post("/api/v1/trunks")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", containsInAnyOrder("media", "mediaEncryption"));
    // SRTP without the relay: nothing could bridge it to the PBX's RTP.
    api()
        .body(ipTrunk(name("media-srtp"), ",\"mediaEncryption\":\"SDES\""))
        .post("/api/v1/trunks")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("mediaEncryption"))
        .body("errors.find { it.field == 'mediaEncryption' }.message", containsString("ANCHOR"));
    assertThat(count("select count(*) from trunk")).isEqualTo(trunks);
    assertThat(count("select count(*) from outbox")).isEqualTo(outbox);
  }

  @Test
  void telnyxTrunksGetSdesOnlyWhenTheyAnchor() {
    String credentials = ",\"provider\":\"telnyx\",\"username\":\"u\",\"password\":\"p\"";
    api()
        .body("{\"name\":\"%s\"%s}".formatted(name("telnyx-plain"), credentials))
        .post("/api/v1/trunks")
        .then()
        .statusCode(201)
        .body("media", equalTo("PASS_THROUGH"))
        .body("mediaEncryption", equalTo("NONE"));
    api()
        .body(
            "{\"name\":\"%s\"%s,\"media\":\"ANCHOR\"}"
                .formatted(name("telnyx-anchor"), credentials))
        .post("/api/v1/trunks")
        .then()
        .statusCode(201)
        .body("mediaEncryption", equalTo("SDES"));
    api()
        .body(
            "{\"name\":\"%s\"%s,\"media\":\"ANCHOR\",\"mediaEncryption\":\"NONE\"}"
                .formatted(name("telnyx-rtp"), credentials))
        .post("/api/v1/trunks")
        .then()
        .statusCode(201)
        .body("mediaEncryption", equalTo("NONE"));
    api()
        .get("/api/v1/providers/telnyx")
        .then()
        .statusCode(200)
        .body("mediaEncryption", equalTo("SDES"));
  }

  @Test
  void grpcCarriesTheMediaFieldsAndRejectsABadOne() throws InterruptedException {
    ManagedChannel channel = GrpcClients.channel();
    try {
      var stub = GrpcClients.stub(channel, 20_000);
      Trunk t =
          stub.createTrunk(
              TrunkSpec.newBuilder()
                  .setName(name("grpc-media"))
                  .setHost("sip.example.com")
                  .setAuthMode("IP")
                  .setMedia("ANCHOR")
                  .setMediaEncryption("DTLS")
                  .build());
      assertThat(t.getMedia()).isEqualTo("ANCHOR");
      assertThat(t.getMediaEncryption()).isEqualTo("DTLS");
      assertThatThrownBy(
              () ->
                  stub.createTrunk(
                      TrunkSpec.newBuilder()
                          .setName(name("grpc-media-bad"))
                          .setHost("sip.example.com")
                          .setAuthMode("IP")
                          .setMediaEncryption("SDES")
                          .build()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(e.getStatus().getDescription()).contains("mediaEncryption:");
              });
      Provider telnyx =
          stub.listProviders(ListProvidersRequest.getDefaultInstance()).getProvidersList().stream()
              .filter(p -> p.getId().equals("telnyx"))
              .findFirst()
              .orElseThrow();
      assertThat(telnyx.getMediaEncryption()).isEqualTo("SDES");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
