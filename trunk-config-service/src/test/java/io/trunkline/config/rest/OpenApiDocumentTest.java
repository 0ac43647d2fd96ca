package io.trunkline.config.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document (open, no key) documents operations, schemas and error answers. The trunk
 * and rule collections are documented as data in {@code META-INF/openapi.yaml} instead of being
 * scanned, so every resource method of theirs is checked to have its operation there.
 */
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

  @Test
  void everyCollectionMethodHasItsDocumentedOperation() {
    Map<String, Object> paths =
        given()
            .queryParam("format", "json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("paths");
    checkCollection(paths, TrunkResource.class, "Trunks", "Trunk", "TrunkRequest");
    checkCollection(
        paths, OutboundRuleResource.class, "Outbound rules", "OutboundRule", "OutboundRuleRequest");
    checkCollection(
        paths, InboundRuleResource.class, "Inbound rules", "InboundRule", "InboundRuleRequest");
  }

  /** Each JAX-RS method of the resource (its own and inherited) against its operation. */
  private static void checkCollection(
      Map<String, Object> paths, Class<?> resource, String tag, String view, String request) {
    String base = resource.getAnnotation(Path.class).value();
    List<String> checked = new ArrayList<>();
    for (Method method : resource.getMethods()) {
      String verb = httpMethod(method);
      if (verb == null) {
        continue;
      }
      Path sub = method.getAnnotation(Path.class);
      String path = base + (sub == null ? "" : sub.value());
      String where = verb + " " + path;
      Map<String, Object> operation = map(map(paths.get(path), where).get(verb), where);
      checkOperation(operation, where, verb, path.endsWith("{id}"), tag, view, request);
      checked.add(where);
    }
    assertThat(checked).as(resource.getSimpleName() + " operations").hasSize(6);
  }

  private static void checkOperation(
      Map<String, Object> operation,
      String where,
      String verb,
      boolean byId,
      String tag,
      String view,
      String request) {
    assertThat((String) operation.get("summary")).as(where + " summary").isNotBlank();
    assertThat(operation.get("tags")).as(where + " tags").isEqualTo(List.of(tag));
    assertThat(operation.get("security"))
        .as(where + " security")
        .isEqualTo(List.of(Map.of("apiKey", List.of())));
    Map<String, Object> responses = map(operation.get("responses"), where + " responses");
    List<String> errors = new ArrayList<>(List.of("400", "401", "503"));
    if (byId) {
      errors.add("404");
    }
    if (verb.equals("post") || (byId && !verb.equals("get"))) {
      errors.add("409");
    }
    if (byId && !verb.equals("get")) {
      errors.add("412");
      assertThat(parameterNames(operation)).as(where + " parameters").contains("If-Match");
    }
    for (String code : errors) {
      assertThat(map(responses.get(code), where + " " + code).get("$ref"))
          .as(where + " " + code)
          .isEqualTo("#/components/responses/" + ERROR_RESPONSES.get(code));
    }
    String success = verb.equals("post") ? "201" : verb.equals("delete") ? "204" : "200";
    assertThat(responses).as(where + " responses").containsKey(success);
    if (!verb.equals("delete")) {
      String schema =
          String.valueOf(
              map(map(responses.get(success), where).get("content"), where)
                  .get("application/json"));
      String ref = "#/components/schemas/" + view;
      assertThat(schema).as(where + " " + success + " schema").contains("$ref=" + ref + "}");
    }
    if (List.of("post", "put", "patch").contains(verb)) {
      Map<String, Object> body = map(operation.get("requestBody"), where + " requestBody");
      assertThat(body.get("required")).as(where + " body required").isEqualTo(true);
      assertThat(String.valueOf(map(body.get("content"), where).get("application/json")))
          .as(where + " body schema")
          .isEqualTo("{schema={$ref=#/components/schemas/" + request + "}}");
    }
  }

  private static final Map<String, String> ERROR_RESPONSES =
      Map.of(
          "400", "BadRequest",
          "401", "Unauthorized",
          "404", "NotFound",
          "409", "Conflict",
          "412", "PreconditionFailed",
          "503", "Unavailable");

  private static String httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return verb.value().toLowerCase(java.util.Locale.ROOT);
      }
    }
    return null;
  }

  private static List<Object> parameterNames(Map<String, Object> operation) {
    List<Object> names = new ArrayList<>();
    Object parameters = operation.get("parameters");
    if (parameters instanceof List<?> list) {
      list.forEach(p -> names.add(((Map<?, ?>) p).get("name")));
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String what) {
    assertThat(value).as(what + " is documented").isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }
}
