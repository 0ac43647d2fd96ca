package io.trunkline.config.rest;

import static io.trunkline.config.TestSupport.SEEDED_PROVIDERS;
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
        .body("id", containsInAnyOrder(SEEDED_PROVIDERS.toArray(String[]::new)));
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
   * {@code providers-api.json} pins what {@code GET /api/v1/providers} answers for every provider,
   * field for field, so that a change to the catalogue file is a deliberate one.
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

  /**
   * Telnyx publishes TLS on 5061; Callcentric and Skyetel publish SRV records that name their
   * ports, so their trunks keep the transport's default port, which the SIP services treat as "let
   * SRV decide" for a domain name (Callcentric's SRV gives 5080).
   */
  @Test
  void telnyxUsesTlsOn5061WhileCallcentricAndSkyetelLeaveThePortToSrv() {
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
        .body("transport", equalTo("UDP"))
        .body("port", equalTo(5060))
        .body("authMode", equalTo("REGISTER"));
    api()
        .body(
            "{\"name\":\"%s\",\"provider\":\"skyetel\",\"username\":\"sk1\",\"password\":\"p\"}"
                .formatted(name("skyetel")))
        .post("/api/v1/trunks")
        .then()
        .statusCode(201)
        .body("host", equalTo("reg.skyetel.com"))
        .body("port", equalTo(5060))
        .body("authMode", equalTo("REGISTER"))
        .body("numberFormat", equalTo("E164_NO_PLUS"));
  }

  @Test
  void vonageNeedsTheAccountsOwnHost() {
    api()
        .body(
            "{\"name\":\"%s\",\"provider\":\"vonage\",\"username\":\"k\",\"password\":\"s\"}"
                .formatted(name("vonage-nohost")))
        .post("/api/v1/trunks")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("host"));
    api()
        .body(
            "{\"name\":\"%s\",\"provider\":\"vonage\",\"host\":\"acme.sip-eu.vonage.com\",\"username\":\"k\",\"password\":\"s\"}"
                .formatted(name("vonage")))
        .post("/api/v1/trunks")
        .then()
        .statusCode(201)
        .body("host", equalTo("acme.sip-eu.vonage.com"))
        .body("authMode", equalTo("DIGEST"))
        .body("numberFormat", equalTo("E164_NO_PLUS"));
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
