package io.trunkline.registration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.OperatorEndpoints;
import org.junit.jupiter.api.Test;

/** The operator-facing endpoints every service has: health, metrics, OpenAPI, Swagger UI. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(io.trunkline.registration.support.SipPortResource.class)
@org.junit.jupiter.api.Order(1)
class PlatformEndpointsTest {

  @Test
  void readinessIsUpAgainstTheRealInfrastructure() {
    // Ready only once the consumer group assigned partitions and they were read.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> given().when().get("/q/health/ready").statusCode() == 200);
    OperatorEndpoints.assertReady();
  }

  @Test
  void livenessMetricsAndOpenApiAnswerWithoutAKey() {
    OperatorEndpoints.assertOpenWithoutAKey();
  }

  @Test
  void everyOtherPathNeedsTheApiKey() {
    for (String path : new String[] {"/api/v1/registrations", "/api/v1/nothing", "/other"}) {
      given()
          .when()
          .get(path)
          .then()
          .statusCode(401)
          .header("WWW-Authenticate", startsWith("Bearer"))
          .contentType("application/problem+json")
          .body("status", equalTo(401))
          .body("instance", equalTo(path));
      given().auth().oauth2("not-the-key").when().get(path).then().statusCode(401);
    }
    given()
        .auth()
        .oauth2("local-dev-key")
        .when()
        .get("/api/v1/registrations")
        .then()
        .statusCode(200);
  }
}
