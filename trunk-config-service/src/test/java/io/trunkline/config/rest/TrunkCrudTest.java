package io.trunkline.config.rest;

import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.createTrunk;
import static io.trunkline.config.TestSupport.name;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import org.junit.jupiter.api.Test;

/** Trunk CRUD round trips, ETag / If-Match, 409 and 404. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class TrunkCrudTest {

  @Test
  void createReadListReplacePatchDelete() {
    String name = name("crud");
    Response created = createTrunk(name);
    String id = created.path("id");
    created
        .then()
        .header("ETag", "\"1\"")
        .header("Location", containsString("/api/v1/trunks/" + id));
    created
        .then()
        .body("name", equalTo(name))
        .body("provider", equalTo("generic"))
        .body("enabled", equalTo(true))
        .body("port", equalTo(5060))
        .body("transport", equalTo("UDP"))
        .body("authMode", equalTo("REGISTER"))
        .body("authUsername", equalTo("1001"))
        .body("registerExpires", equalTo(600))
        .body("fromDomain", equalTo("sip.example.com"))
        .body("optionsPing", equalTo(false))
        .body("optionsIntervalSeconds", equalTo(30))
        .body("numberFormat", equalTo("AS_DIALED"))
        .body("failoverCodes", hasSize(101))
        .body("failoverCodes[0]", equalTo(408))
        .body("passwordSet", equalTo(true))
        .body("version", equalTo(1));

    api()
        .get("/api/v1/trunks/" + id)
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("name", equalTo(name));
    api().get("/api/v1/trunks").then().statusCode(200).body("name", hasItem(name));
    api()
        .queryParam("provider", "twilio")
        .get("/api/v1/trunks")
        .then()
        .statusCode(200)
        .body("name", not(hasItem(name)));
    api()
        .queryParam("enabled", true)
        .get("/api/v1/trunks")
        .then()
        .statusCode(200)
        .body("name", hasItem(name));
    api()
        .queryParam("enabled", false)
        .get("/api/v1/trunks")
        .then()
        .statusCode(200)
        .body("name", not(hasItem(name)));

    // PUT: full replace; the password is kept when left out.
    api()
        .header("If-Match", "\"1\"")
        .body("{\"name\":\"" + name + "\",\"host\":\"10.0.0.5\",\"authMode\":\"IP\"}")
        .put("/api/v1/trunks/" + id)
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"")
        .body("host", equalTo("10.0.0.5"))
        .body("authMode", equalTo("IP"))
        .body("optionsPing", equalTo(true))
        .body("passwordSet", equalTo(false))
        .body("username", nullValue());

    // PATCH: merge; untouched fields stay.
    api()
        .header("If-Match", "\"2\"")
        .body("{\"enabled\":false,\"maxConcurrentCalls\":20}")
        .patch("/api/v1/trunks/" + id)
        .then()
        .statusCode(200)
        .header("ETag", "\"3\"")
        .body("enabled", equalTo(false))
        .body("maxConcurrentCalls", equalTo(20))
        .body("host", equalTo("10.0.0.5"));

    // A stale If-Match is refused and changes nothing.
    api()
        .header("If-Match", "\"2\"")
        .body("{\"enabled\":true}")
        .patch("/api/v1/trunks/" + id)
        .then()
        .statusCode(412)
        .contentType("application/problem+json");
    api().header("If-Match", "\"1\"").delete("/api/v1/trunks/" + id).then().statusCode(412);
    api()
        .get("/api/v1/trunks/" + id)
        .then()
        .body("enabled", equalTo(false))
        .body("version", equalTo(3));

    api().header("If-Match", "\"3\"").delete("/api/v1/trunks/" + id).then().statusCode(204);
    api()
        .get("/api/v1/trunks/" + id)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void duplicateNameIsAConflict() {
    String name = name("dup");
    createTrunk(name);
    api()
        .body(io.trunkline.config.TestSupport.trunkJson(name))
        .post("/api/v1/trunks")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    String other = createTrunk(name("dup2")).path("id");
    api()
        .body("{\"name\":\"" + name + "\"}")
        .patch("/api/v1/trunks/" + other)
        .then()
        .statusCode(409);
  }

  @Test
  void aBadFilterIsA400() {
    api()
        .queryParam("enabled", "maybe")
        .get("/api/v1/trunks")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("enabled"));
  }

  @Test
  void unknownIdsAre404() {
    String unknown = "/api/v1/trunks/00000000-0000-0000-0000-000000000001";
    api().get(unknown).then().statusCode(404).contentType("application/problem+json");
    api()
        .body("{\"name\":\"x\",\"host\":\"h.example\",\"authMode\":\"IP\"}")
        .put(unknown)
        .then()
        .statusCode(404);
    api().body("{}").patch(unknown).then().statusCode(404);
    api().delete(unknown).then().statusCode(404);
    api().get("/api/v1/trunks/not-a-uuid").then().statusCode(404);
  }
}
