package io.trunkline.config.rest;

import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Provider templates fill the defaults of new trunks. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class ProviderTemplateTest {

  @Test
  void allFourteenTemplatesAreListed() {
    api()
        .get("/api/v1/providers")
        .then()
        .statusCode(200)
        .body(
            "id",
            containsInAnyOrder(
                "generic",
                "vonage",
                "questblue",
                "voipms",
                "voxtelesys",
                "flowroute",
                "skyetel",
                "wavix",
                "bandwidth",
                "twilio",
                "telnyx",
                "callcentric",
                "telstra",
                "keen-systems"));
    api()
        .get("/api/v1/providers/twilio")
        .then()
        .statusCode(200)
        .body("authMode", equalTo("DIGEST"))
        .body("numberFormat", equalTo("E164"));
    api()
        .get("/api/v1/providers/acme")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  /**
   * {@code providers-api.json} is what {@code GET /api/v1/providers} answered while the catalogue
   * was still written in Java: moving it into a data file changed no field of any provider.
   */
  @Test
  void everyProviderShowsTheFieldsItShowedBefore() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode expected;
    try (InputStream in = getClass().getResourceAsStream("/providers-api.json")) {
      expected = mapper.readTree(in);
    }
    String answer = api().get("/api/v1/providers").then().statusCode(200).extract().asString();
    assertThat(mapper.readTree(answer)).isEqualTo(expected);
  }

  @Test
  void twilioTrunkGetsDigestAndE164() {
    String body =
        "{\"name\":\"%s\",\"provider\":\"twilio\",\"host\":\"acme.pstn.twilio.com\",\"username\":\"acme\",\"password\":\"pw-123\"}"
            .formatted(name("twilio"));
    String id =
        api()
            .body(body)
            .post("/api/v1/trunks")
            .then()
            .statusCode(201)
            .body("provider", equalTo("twilio"))
            .body("authMode", equalTo("DIGEST"))
            .body("numberFormat", equalTo("E164"))
            .body("port", equalTo(5060))
            .extract()
            .path("id");
    api().get("/api/v1/trunks/" + id).then().body("authMode", equalTo("DIGEST"));
    api().queryParam("provider", "twilio").get("/api/v1/trunks").then().body("id", hasItem(id));
  }

  @Test
  void flowrouteTrunkIsIpAuthenticatedWithItsTechPrefixAndPing() {
    api()
        .body(
            "{\"name\":\"%s\",\"provider\":\"flowroute\",\"techPrefix\":\"12345678*\"}"
                .formatted(name("flowroute")))
        .post("/api/v1/trunks")
        .then()
        .statusCode(201)
        .body("authMode", equalTo("IP"))
        .body("host", equalTo("us-west-or.sip.flowroute.com"))
        .body("numberFormat", equalTo("E164_NO_PLUS"))
        .body("techPrefix", equalTo("12345678*"))
        .body("optionsPing", equalTo(true))
        .body("passwordSet", equalTo(false));
  }

  @Test
  void telnyxUsesTlsOn5061AndCallcentricPort5080() {
    api()
        .body(
            "{\"name\":\"%s\",\"provider\":\"telnyx\",\"username\":\"u\",\"password\":\"p\"}"
                .formatted(name("telnyx")))
        .post("/api/v1/trunks")
        .then()
        .statusCode(201)
        .body("host", equalTo("sip.telnyx.com"))
        .body("transport", equalTo("TLS"))
        .body("port", equalTo(5061))
        .body("numberFormat", equalTo("E164"));
    api()
        .body(
            "{\"name\":\"%s\",\"provider\":\"callcentric\",\"username\":\"17770001111\",\"password\":\"p\"}"
                .formatted(name("cc")))
        .post("/api/v1/trunks")
        .then()
        .statusCode(201)
        .body("host", equalTo("callcentric.com"))
        .body("port", equalTo(5080))
        .body("authMode", equalTo("REGISTER"));
  }

  @Test
  void theRequestWinsOverTheTemplate() {
    api()
        .body(
            "{\"name\":\"%s\",\"provider\":\"twilio\",\"host\":\"x.pstn.twilio.com\",\"authMode\":\"IP\",\"numberFormat\":\"AS_DIALED\",\"transport\":\"TLS\"}"
                .formatted(name("twilio-ip")))
        .post("/api/v1/trunks")
        .then()
        .statusCode(201)
        .body("authMode", equalTo("IP"))
        .body("numberFormat", equalTo("AS_DIALED"))
        .body("port", equalTo(5061));
  }
}
