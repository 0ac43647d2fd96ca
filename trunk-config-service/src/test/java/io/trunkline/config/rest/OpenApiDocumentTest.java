package io.trunkline.config.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import org.junit.jupiter.api.Test;

/** The OpenAPI document (open, no key) documents operations, schemas and error answers. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class OpenApiDocumentTest {

  @Test
  void operationsSchemasAndErrorsAreDocumented() {
    ValidatableResponse doc =
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200);
    doc.body("components.schemas", hasKey("Problem"))
        .body("components.schemas", hasKey("Trunk"))
        .body("components.schemas", hasKey("TrunkRequest"))
        .body("components.schemas", hasKey("OutboundRule"))
        .body("components.schemas", hasKey("ProviderTemplate"))
        .body("components.securitySchemes", hasKey("apiKey"))
        .body("components.responses.NotFound.content.'application/problem+json'", notNullValue())
        .body(
            "paths.'/api/v1/trunks/{id}'.get.responses.'404'.'$ref'",
            org.hamcrest.Matchers.equalTo("#/components/responses/NotFound"));
    String trunks = "paths.'/api/v1/trunks'";
    String trunk = "paths.'/api/v1/trunks/{id}'";
    doc.body(trunks + ".post.responses", hasKey("201"))
        .body(trunks + ".post.responses", hasKey("400"))
        .body(trunks + ".post.responses", hasKey("401"))
        .body(trunks + ".post.responses", hasKey("409"))
        .body(trunks + ".post.requestBody", notNullValue())
        .body(trunk + ".put.responses", hasKey("412"))
        .body(trunk + ".patch.responses", hasKey("404"))
        .body(trunk + ".delete.responses", hasKey("409"))
        .body("paths.'/api/v1/outbound-rules/{id}'.put.responses", hasKey("412"))
        .body("paths.'/api/v1/providers/{id}'.get.responses", hasKey("404"));
  }
}
