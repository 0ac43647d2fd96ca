package io.trunkline.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks of the operator-facing endpoints every service has (health, metrics, OpenAPI, Swagger UI),
 * for a {@code @QuarkusTest} of the service: requests go to the application under test.
 */
public final class OperatorEndpoints {

  private OperatorEndpoints() {}

  /** The readiness check answers 200 with status UP. */
  public static void assertReady() {
    given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
  }

  /**
   * Liveness, metrics (the JVM's and {@code metrics}), OpenAPI and Swagger UI answer without an API
   * key.
   */
  public static void assertOpenWithoutAKey(String... metrics) {
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    ValidatableResponse scrape = given().when().get("/q/metrics").then().statusCode(200);
    List<String> expected = new ArrayList<>(List.of("jvm_memory_used_bytes"));
    expected.addAll(List.of(metrics));
    expected.forEach(metric -> scrape.body(containsString(metric)));
    given().when().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
    given().when().get("/q/swagger-ui/").then().statusCode(200);
  }
}
