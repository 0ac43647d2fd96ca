package io.trunkline.config.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import org.junit.jupiter.api.Test;

/** REST needs a configured bearer key; health and metrics stay open. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class ApiKeyTest {

  @Test
  void withoutOrWithAWrongKeyTheApiAnswers401() {
    for (String path :
        new String[] {"/api/v1/trunks", "/api/v1/outbound-rules", "/api/v1/providers"}) {
      given().get(path).then().statusCode(401).contentType("application/problem+json");
      given().header("Authorization", "Bearer nope").get(path).then().statusCode(401);
      given().header("Authorization", "Basic dGVzdC1rZXktMQ==").get(path).then().statusCode(401);
    }
    given()
        .contentType("application/json")
        .body("{\"name\":\"x\",\"host\":\"h.example.com\",\"authMode\":\"IP\"}")
        .post("/api/v1/trunks")
        .then()
        .statusCode(401);
  }

  @Test
  void pathsOutsideTheApiAreClosedTooAndTheAnswerNamesTheScheme() {
    // Deny by default: an unknown path does not even reveal that it does not exist.
    given()
        .get("/not-an-api")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"))
        .contentType("application/problem+json")
        .body("status", equalTo(401))
        .body("instance", equalTo("/not-an-api"));
    given()
        .header("Authorization", "Bearer test-key-1")
        .get("/api/v1/no-such-collection")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void everyConfiguredKeyIsAccepted() {
    given()
        .header("Authorization", "Bearer test-key-1")
        .get("/api/v1/trunks")
        .then()
        .statusCode(200);
    given()
        .header("Authorization", "Bearer test-key-2")
        .get("/api/v1/trunks")
        .then()
        .statusCode(200);
  }

  @Test
  void healthAndMetricsNeedNoKey() {
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/metrics").then().statusCode(200).body(containsString("config_outbox_pending"));
  }
}
