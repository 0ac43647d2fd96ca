package io.trunkline.config.ruleimport;

import static io.restassured.RestAssured.given;
import static io.trunkline.config.TestSupport.KEY;
import static io.trunkline.config.TestSupport.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** What the import tests send and read back, as a client of the API does. */
final class ImportCalls {

  static final String PATH = "/api/v1/outbound-rules:import";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ImportCalls() {}

  /** One rule as a JSON line: a prefix routed to one trunk. */
  static String line(String name, String prefix, String trunk) {
    return "{\"name\":\"%s\",\"match\":{\"prefixes\":[\"%s\"]},\"routes\":[{\"trunkId\":\"%s\"}]}"
        .formatted(name, prefix, trunk);
  }

  static Response send(String type, String body) {
    return given()
        .header("Authorization", "Bearer " + KEY)
        .urlEncodingEnabled(false)
        .contentType(type)
        .body(body.getBytes(StandardCharsets.UTF_8))
        .post(PATH)
        .then()
        .extract()
        .response();
  }

  /** The stored rules whose names start with the prefix, by name, as the API lists them. */
  static Map<String, JsonNode> storedByName(String prefix) {
    try {
      JsonNode all =
          JSON.readTree(
              api().get("/api/v1/outbound-rules").then().statusCode(200).extract().asString());
      Map<String, JsonNode> out = new HashMap<>();
      for (JsonNode rule : all) {
        if (rule.path("name").asText().startsWith(prefix)) {
          out.put(rule.path("name").asText(), rule);
        }
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
