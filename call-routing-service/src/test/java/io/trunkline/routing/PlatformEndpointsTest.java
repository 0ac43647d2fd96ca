package io.trunkline.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.testsupport.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

/** The operator-facing endpoints every service has: health, metrics, OpenAPI, Swagger UI. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class PlatformEndpointsTest {

  @Test
  void readinessIsUpAgainstTheRealInfrastructure() {
    given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void livenessMetricsAndOpenApiAnswerWithoutAKey() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("jvm_memory_used_bytes"))
        .body(containsString("sip_transactions_live"))
        .body(containsString("sip_dialogs_live"));
    given().when().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
    given().when().get("/q/swagger-ui/").then().statusCode(200);
  }
}
