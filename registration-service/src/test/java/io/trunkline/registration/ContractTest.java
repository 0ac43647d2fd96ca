package io.trunkline.registration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.registration.domain.TrunkConfig;
import io.trunkline.registration.event.Json;
import io.trunkline.registration.event.TrunkStatusEvent;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our record classes against the JSON of docs/contract.md. */
class ContractTest {

  private final ObjectMapper json = Json.mapper();

  @Test
  void readsTheContractExampleOfTrunkConfig() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/trunk-config-example.json")) {
      TrunkConfig t = json.readValue(in, TrunkConfig.class);
      assertThat(t.schema()).isEqualTo("trunk.config.v1");
      assertThat(t.version()).isEqualTo(3);
      assertThat(t.name()).isEqualTo("twilio-main");
      assertThat(t.registers()).isTrue();
      assertThat(t.portOrDefault()).isEqualTo(5060);
      assertThat(t.transportOrDefault()).isEqualTo("UDP");
      assertThat(t.digestUser()).isEqualTo("1001");
      assertThat(t.expiresOrDefault()).isEqualTo(600);
      assertThat(t.pinged()).isFalse();
      assertThat(t.isFailoverCode(503)).isTrue();
      assertThat(t.isFailoverCode(404)).isFalse();
      assertThat(t.toString()).doesNotContain("REPLACED_BY_TEST");
    }
  }

  @Test
  void defaultsWhenOptionalFieldsAreNull() throws Exception {
    TrunkConfig t =
        json.readValue(
            "{\"id\":\"x\",\"version\":1,\"enabled\":true,\"host\":\"h\",\"transport\":\"TLS\","
                + "\"authMode\":\"IP\",\"optionsPing\":true,\"authUsername\":null,\"username\":\"u\"}",
            TrunkConfig.class);
    assertThat(t.portOrDefault()).isEqualTo(5061);
    assertThat(t.registers()).isFalse();
    assertThat(t.pinged()).isTrue();
    assertThat(t.digestUser()).isEqualTo("u");
  }

  @Test
  void writesTheStatusOfTheContract() throws Exception {
    TrunkStatusEvent e =
        new TrunkStatusEvent(
            TrunkStatusEvent.SCHEMA,
            "id-1",
            "twilio-main",
            "REGISTERED",
            "UNKNOWN",
            200,
            "OK",
            Instant.parse("2026-11-26T10:10:00Z"),
            "sip:127.0.0.1:5090;transport=udp",
            null,
            0,
            1764151200000L,
            Instant.parse("2026-11-26T10:00:00Z"));
    JsonNode n = json.readTree(json.writeValueAsString(e));
    List<String> fields = new ArrayList<>();
    n.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactlyInAnyOrder(
            "schema",
            "trunkId",
            "trunkName",
            "registration",
            "reachability",
            "lastCode",
            "lastReason",
            "expiresAt",
            "registrar",
            "rttMillis",
            "failures",
            "version",
            "at");
    assertThat(n.get("expiresAt").asText()).isEqualTo("2026-11-26T10:10:00Z");
    assertThat(n.get("at").asText()).isEqualTo("2026-11-26T10:00:00Z");
    assertThat(n.get("rttMillis").isNull()).isTrue();
  }
}
