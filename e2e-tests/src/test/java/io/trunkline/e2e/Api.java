package io.trunkline.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** The public REST APIs of the cluster, called as a platform team would, with the API key. */
final class Api {

  private Api() {}

  static RequestSpecification config() {
    return with(LocalCluster.CONFIG_URL);
  }

  static RequestSpecification registration() {
    return with(LocalCluster.REGISTRATION_URL);
  }

  static RequestSpecification routing() {
    return with(LocalCluster.ROUTING_URL);
  }

  private static RequestSpecification with(String baseUrl) {
    return given()
        .baseUri(baseUrl)
        .header("Authorization", "Bearer " + LocalCluster.API_KEY)
        .contentType(ContentType.JSON)
        .accept(ContentType.JSON);
  }

  /** POSTs a trunk and returns its id; fails the test on anything but 201. */
  static String createTrunk(Map<String, Object> trunk) {
    return config().body(trunk).post("/api/v1/trunks").then().statusCode(201).extract().path("id");
  }

  static String createRule(Map<String, Object> rule) {
    return config()
        .body(rule)
        .post("/api/v1/outbound-rules")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  static Response registrationOf(String trunkId) {
    return registration().get("/api/v1/registrations/" + trunkId);
  }

  static String registrationState(String trunkId) {
    Response r = registrationOf(trunkId);
    return r.statusCode() == 200 ? r.path("registration") : "HTTP " + r.statusCode();
  }

  static String metrics(String baseUrl) {
    return given().baseUri(baseUrl).get("/q/metrics").then().statusCode(200).extract().asString();
  }
}
