package io.trunkline.registration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.platform.crypto.AesGcmSecretCipher;
import io.trunkline.registration.support.SipPortResource;
import io.trunkline.registration.support.TestRegistrar;
import io.trunkline.registration.support.TestRegistrar.Mode;
import io.trunkline.registration.support.TestRegistrar.Seen;
import io.trunkline.registration.support.TrunkFeed;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Registration end to end: trunks fed through the real broker, registered against a JAIN-SIP
 * registrar of the test's own over real UDP and TCP on 127.0.0.1.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(SipPortResource.class)
@Order(2)
class RegistrationFlowTest extends RegistrarAndFeedTest {

  static final String KEY = "local-dev-key";

  static String newUser() {
    return "u" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
  }

  static String registration(String trunkId) {
    JsonNode s = feed.lastStatus(trunkId);
    return s == null ? null : s.get("registration").asText();
  }

  static void awaitRegistration(String trunkId, String state, Duration within) {
    await().atMost(within).until(() -> state.equals(registration(trunkId)));
  }

  @Test
  void registersWithDigestOverUdpAndTcp() throws Exception {
    for (String transport : List.of("UDP", "TCP")) {
      String user = newUser();
      TestRegistrar.Account account = registrar.account(user);
      account.password = "s3cret-" + user;
      account.algorithm = transport.equals("UDP") ? "MD5" : "SHA-256";
      ObjectNode trunk = TrunkFeed.trunk(user, registrar.port(), account.password);
      trunk.put("transport", transport);
      trunk.put("authUsername", "auth-" + user);
      String id = trunk.get("id").asText();
      feed.publish(trunk);

      awaitRegistration(id, "REGISTERED", Duration.ofSeconds(20));

      List<Seen> seen = registrar.of(user, "REGISTER");
      assertThat(seen).hasSize(2);
      Seen first = seen.get(0);
      Seen second = seen.get(1);
      assertThat(first.authUser()).isNull();
      assertThat(second.authUser()).isEqualTo("auth-" + user);
      assertThat(second.authRealm()).isEqualTo(TestRegistrar.REALM);
      assertThat(second.authAlgorithm()).isEqualTo(account.algorithm);
      assertThat(second.authValid()).isTrue();
      for (Seen s : seen) {
        assertThat(s.transport()).isEqualTo(transport);
        assertThat(s.toUri()).isEqualTo("sip:" + user + "@127.0.0.1");
        assertThat(s.contact()).isEqualTo("sip:" + contactToken(id) + "@127.0.0.1:5060");
        assertThat(s.expires()).isEqualTo(600);
        assertThat(s.callId()).isEqualTo(first.callId());
      }
      assertThat(second.cseq()).isGreaterThan(first.cseq());

      JsonNode event = feed.lastStatus(id);
      assertThat(event.get("schema").asText()).isEqualTo("trunk.status.v1");
      assertThat(event.get("trunkName").asText()).isEqualTo("trunk-" + user);
      assertThat(event.get("lastCode").asInt()).isEqualTo(200);
      assertThat(event.get("expiresAt").isNull()).isFalse();
      String registrarUri =
          "sip:127.0.0.1:" + registrar.port() + ";transport=" + transport.toLowerCase();
      assertThat(event.get("registrar").asText()).isEqualTo(registrarUri);
      assertThat(feed.statusesOf(id).stream().map(n -> n.get("registration").asText()))
          .containsExactly("REGISTERING", "REGISTERED");

      given()
          .auth()
          .oauth2(KEY)
          .get("/api/v1/registrations/" + id)
          .then()
          .statusCode(200)
          .body("registration", equalTo("REGISTERED"))
          .body("lastCode", equalTo(200))
          .body("registrar", equalTo(registrarUri))
          .body("version", equalTo(event.get("version").asLong()));
      given()
          .get("/q/metrics")
          .then()
          .body(containsString("trunk_registration_state{trunk=\"trunk-" + user + "\"} 1.0"))
          .body(
              containsString(
                  "trunk_registrations_total{outcome=\"registered\",trunk=\"trunk-"
                      + user
                      + "\"} 1.0"))
          .body(not(containsString(account.password)));
    }
  }

  /**
   * Two trunks on the same provider address: each REGISTER's Contact carries its own trunk's token,
   * so an INVITE the provider sends to a Contact names the trunk it belongs to.
   */
  @Test
  void eachTrunkRegistersItsOwnContactTokenOnASharedProviderAddress() throws Exception {
    List<String> ids = new ArrayList<>();
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String user = newUser();
      registrar.account(user).password = "pw-" + user;
      ObjectNode trunk = TrunkFeed.trunk(user, registrar.port(), "pw-" + user);
      feed.publish(trunk);
      ids.add(trunk.get("id").asText());
      users.add(user);
    }
    for (String id : ids) {
      awaitRegistration(id, "REGISTERED", Duration.ofSeconds(20));
    }

    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      List<Seen> seen = registrar.of(users.get(i), "REGISTER");
      assertThat(seen).isNotEmpty();
      String token = contactToken(ids.get(i));
      assertThat(token).matches("tl[0-9a-f]{32}").doesNotContain(users.get(i));
      assertThat(seen).extracting(Seen::contact).containsOnly("sip:" + token + "@127.0.0.1:5060");
      tokens.add(token);
    }
    assertThat(tokens.get(0)).isNotEqualTo(tokens.get(1));
  }

  /** The token as documented (computed here independently of the service's code). */
  static String contactToken(String trunkId) throws Exception {
    javax.crypto.Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(
            Base64.getDecoder().decode(TrunkFeed.TEST_KEY), "HmacSHA256"));
    byte[] digest =
        mac.doFinal(("trunkline-contact-token:" + trunkId).getBytes(StandardCharsets.UTF_8));
    return "tl" + HexFormat.of().formatHex(digest, 0, 16);
  }

  @Test
  void changedTrunkReRegistersWithTheNewSettings() throws Exception {
    String user = newUser();
    TestRegistrar.Account account = registrar.account(user);
    account.password = "old-" + user;
    ObjectNode trunk = TrunkFeed.trunk(user, registrar.port(), account.password);
    String id = trunk.get("id").asText();
    feed.publish(trunk);
    awaitRegistration(id, "REGISTERED", Duration.ofSeconds(15));
    int before = registrar.of(user, "REGISTER").size();

    // Same registrar and AOR, new password and expiry: same Call-ID, new settings.
    account.password = "new-" + user;
    trunk.put(
        "passwordEncrypted",
        AesGcmSecretCipher.fromBase64Key(TrunkFeed.TEST_KEY).encrypt(account.password));
    trunk.put("registerExpires", 900);
    feed.publish(trunk);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                registrar.of(user, "REGISTER").stream()
                    .anyMatch(s -> s.expires() == 900 && s.authValid()));
    List<Seen> seen = registrar.of(user, "REGISTER");
    assertThat(seen.subList(before, seen.size()))
        .allMatch(s -> s.callId().equals(seen.get(0).callId()));

    // Another registrar: Expires: 0 to the old one, a new registration at the new one.
    TestRegistrar.Account moved;
    try (TestRegistrar other = new TestRegistrar()) {
      moved = other.account(user);
      moved.mode = Mode.OK_DIRECT;
      trunk.put("port", other.port());
      feed.publish(trunk);
      await().atMost(Duration.ofSeconds(10)).until(() -> other.of(user, "REGISTER").size() == 1);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> registrar.of(user, "REGISTER").stream().anyMatch(s -> s.expires() == 0));
      assertThat(other.of(user, "REGISTER").get(0).callId()).isNotEqualTo(seen.get(0).callId());
      awaitRegistration(id, "REGISTERED", Duration.ofSeconds(10));
      assertThat(feed.lastStatus(id).get("registrar").asText())
          .isEqualTo("sip:127.0.0.1:" + other.port() + ";transport=udp");
      // The retired binding does not speak for the trunk: no UNREGISTERED in between.
      assertThat(feed.statusesOf(id).stream().map(n -> n.get("registration").asText()))
          .doesNotContain("UNREGISTERED");
    }
  }

  @Test
  void tlsTrunkFailsClearlyWhenThisNodeHasNoTlsListeningPoint() {
    String user = newUser();
    ObjectNode trunk = TrunkFeed.trunk(user, registrar.port(), "pw");
    trunk.put("transport", "TLS");
    String id = trunk.get("id").asText();
    feed.publish(trunk);
    awaitRegistration(id, "FAILED", Duration.ofSeconds(15));
    assertThat(feed.lastStatus(id).get("lastReason").asText()).contains("TLS");
    assertThat(registrar.of(user, "REGISTER")).isEmpty();
  }

  @Test
  void challengesForAnotherRealmAreNotAnswered() {
    String user = newUser();
    registrar.account(user).password = "pw";
    ObjectNode trunk = TrunkFeed.trunk(user, registrar.port(), "pw");
    trunk.put("realm", "provider.example");
    String id = trunk.get("id").asText();
    feed.publish(trunk);
    awaitRegistration(id, "FAILED", Duration.ofSeconds(15));
    assertThat(feed.lastStatus(id).get("lastCode").asInt()).isEqualTo(401);
    assertThat(feed.lastStatus(id).get("lastReason").asText()).contains("realm");
    assertThat(registrar.of(user, "REGISTER")).hasSize(1);
  }

  @Test
  void refreshesBetweenHalfAndEightyFivePercentOfTheGrantedExpiry() {
    String user = newUser();
    TestRegistrar.Account account = registrar.account(user);
    account.password = "pw-" + user;
    account.grantExpires = 10;
    ObjectNode trunk = TrunkFeed.trunk(user, registrar.port(), account.password);
    String id = trunk.get("id").asText();
    feed.publish(trunk);

    await().atMost(Duration.ofSeconds(25)).until(() -> registrar.of(user, "REGISTER").size() >= 3);
    List<Seen> seen = registrar.of(user, "REGISTER");
    Seen registered = seen.get(1);
    Seen refresh = seen.get(2);
    long gapMillis = Duration.between(registered.at(), refresh.at()).toMillis();
    assertThat(gapMillis).isBetween(5_000L, 8_700L);
    assertThat(refresh.callId()).isEqualTo(registered.callId());
    assertThat(refresh.cseq()).isGreaterThan(registered.cseq());
    assertThat(refresh.authValid()).isTrue();
    // A refresh is not a state change: still exactly one REGISTERED event.
    await().pollDelay(Duration.ofMillis(500)).until(() -> true);
    assertThat(feed.statusesOf(id).stream().map(n -> n.get("registration").asText()))
        .containsExactly("REGISTERING", "REGISTERED");
  }

  @Test
  void intervalTooBriefRetriesAtOnceWithMinExpires() {
    String user = newUser();
    TestRegistrar.Account account = registrar.account(user);
    account.mode = Mode.OK_DIRECT;
    account.minExpires = 120;
    ObjectNode trunk = TrunkFeed.trunk(user, registrar.port(), "pw");
    trunk.put("registerExpires", 60);
    String id = trunk.get("id").asText();
    feed.publish(trunk);

    awaitRegistration(id, "REGISTERED", Duration.ofSeconds(15));
    List<Seen> seen = registrar.of(user, "REGISTER");
    assertThat(seen).extracting(Seen::expires).containsExactly(60, 120);
    assertThat(Duration.between(seen.get(0).at(), seen.get(1).at()))
        .isLessThan(Duration.ofSeconds(1));
    Instant expiresAt = Instant.parse(feed.lastStatus(id).get("expiresAt").asText());
    assertThat(expiresAt).isAfter(Instant.now().plusSeconds(100));
  }

  @Test
  void forbiddenAfterTheChallengeFailsAndRetriesSlowly() {
    String user = newUser();
    TestRegistrar.Account account = registrar.account(user);
    account.password = "whatever";
    account.mode = Mode.CHALLENGE_THEN_FORBIDDEN;
    ObjectNode trunk = TrunkFeed.trunk(user, registrar.port(), "whatever");
    String id = trunk.get("id").asText();
    feed.publish(trunk);

    awaitRegistration(id, "FAILED", Duration.ofSeconds(15));
    JsonNode failed = feed.lastStatus(id);
    assertThat(failed.get("lastCode").asInt()).isEqualTo(403);
    assertThat(failed.get("lastReason").asText()).isEqualTo("Forbidden");
    assertThat(failed.get("failures").asInt()).isEqualTo(1);

    // %test bad-credentials-retry is 8 s (default 5 min): within 12 s of the first REGISTER the
    // registrar sees the first attempt (REGISTER + authenticated REGISTER) and one slow retry.
    Instant first = registrar.of(user, "REGISTER").get(0).at();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Instant.now().isAfter(first.plusSeconds(12)));
    long inWindow =
        registrar.of(user, "REGISTER").stream()
            .filter(s -> s.at().isBefore(first.plusSeconds(12)))
            .count();
    assertThat(inWindow).isBetween(3L, 4L);
    assertThat(registration(id)).isEqualTo("FAILED");
  }

  @Test
  void wrongPasswordIsABadCredentialNotALoop() {
    String user = newUser();
    registrar.account(user).password = "the-right-one";
    ObjectNode trunk = TrunkFeed.trunk(user, registrar.port(), "a-wrong-one");
    String id = trunk.get("id").asText();
    feed.publish(trunk);

    awaitRegistration(id, "FAILED", Duration.ofSeconds(15));
    assertThat(feed.lastStatus(id).get("lastCode").asInt()).isEqualTo(401);
    await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
    assertThat(registrar.of(user, "REGISTER")).hasSize(2);
  }

  @Test
  void silentRegistrarFailsAfterTheTransactionTimeoutAndRecoversWithoutRestart() {
    String user = newUser();
    TestRegistrar.Account account = registrar.account(user);
    account.password = "pw-" + user;
    account.mode = Mode.SILENT;
    ObjectNode trunk = TrunkFeed.trunk(user, registrar.port(), account.password);
    String id = trunk.get("id").asText();
    feed.publish(trunk);

    // %test T1 is 100 ms: Timer F = 64*T1 = 6.4 s.
    awaitRegistration(id, "FAILED", Duration.ofSeconds(15));
    assertThat(feed.lastStatus(id).get("lastCode").asInt()).isEqualTo(408);
    Instant firstSent = registrar.of(user, "REGISTER").get(0).at();
    assertThat(Duration.between(firstSent, Instant.now())).isGreaterThan(Duration.ofSeconds(6));

    account.mode = Mode.CHALLENGE_THEN_OK;
    awaitRegistration(id, "REGISTERED", Duration.ofSeconds(20));
    assertThat(feed.statusesOf(id).stream().map(n -> n.get("registration").asText()))
        .containsExactly("REGISTERING", "FAILED", "REGISTERED");
  }

  @Test
  void disabledOrDeletedTrunksAreUnregistered() {
    String user = newUser();
    registrar.account(user).mode = Mode.OK_DIRECT;
    ObjectNode trunk = TrunkFeed.trunk(user, registrar.port(), "pw");
    String id = trunk.get("id").asText();
    feed.publish(trunk);
    awaitRegistration(id, "REGISTERED", Duration.ofSeconds(15));

    trunk.put("enabled", false);
    feed.publish(trunk);
    awaitRegistration(id, "UNREGISTERED", Duration.ofSeconds(15));
    List<Seen> seen = registrar.of(user, "REGISTER");
    assertThat(seen.get(seen.size() - 1).expires()).isZero();
    assertThat(seen.get(seen.size() - 1).callId()).isEqualTo(seen.get(0).callId());

    String user2 = newUser();
    registrar.account(user2).mode = Mode.OK_DIRECT;
    ObjectNode trunk2 = TrunkFeed.trunk(user2, registrar.port(), "pw");
    String id2 = trunk2.get("id").asText();
    feed.publish(trunk2);
    awaitRegistration(id2, "REGISTERED", Duration.ofSeconds(15));
    feed.delete(id2);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> feed.statusesOf(id2).get(feed.statusesOf(id2).size() - 1) == null);
    List<Seen> seen2 = registrar.of(user2, "REGISTER");
    assertThat(seen2).extracting(Seen::expires).containsExactly(600, 0);
    given().auth().oauth2(KEY).get("/api/v1/registrations/" + id2).then().statusCode(404);
  }

  @Test
  void ipAndDigestTrunksAreNotRegistered() {
    for (String mode : List.of("IP", "DIGEST")) {
      String user = newUser();
      ObjectNode trunk = TrunkFeed.trunk(user, registrar.port(), mode.equals("IP") ? null : "pw");
      trunk.put("authMode", mode);
      String id = trunk.get("id").asText();
      feed.publish(trunk);
      awaitRegistration(id, "NOT_REQUIRED", Duration.ofSeconds(15));
      await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
      assertThat(registrar.of(user, "REGISTER")).isEmpty();
      given()
          .auth()
          .oauth2(KEY)
          .get("/api/v1/registrations/" + id)
          .then()
          .statusCode(200)
          .body("registration", equalTo("NOT_REQUIRED"));
      given()
          .auth()
          .oauth2(KEY)
          .post("/api/v1/registrations/" + id + "/refresh")
          .then()
          .statusCode(409);
    }
  }

  @Test
  void restNeedsTheApiKeyAndRefreshSendsARegister() {
    given().get("/api/v1/registrations").then().statusCode(401);
    given().auth().oauth2("wrong").get("/api/v1/registrations").then().statusCode(401);
    given()
        .auth()
        .oauth2(KEY)
        .get("/api/v1/registrations/no-such-trunk")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(KEY)
        .post("/api/v1/registrations/no-such-trunk/refresh")
        .then()
        .statusCode(404);

    String user = newUser();
    registrar.account(user).mode = Mode.OK_DIRECT;
    ObjectNode trunk = TrunkFeed.trunk(user, registrar.port(), "pw");
    String id = trunk.get("id").asText();
    feed.publish(trunk);
    awaitRegistration(id, "REGISTERED", Duration.ofSeconds(15));
    given()
        .auth()
        .oauth2(KEY)
        .post("/api/v1/registrations/" + id + "/refresh")
        .then()
        .statusCode(202);
    await().atMost(Duration.ofSeconds(5)).until(() -> registrar.of(user, "REGISTER").size() == 2);
    given()
        .auth()
        .oauth2(KEY)
        .get("/api/v1/registrations")
        .then()
        .statusCode(200)
        .body("find { it.trunkId == '" + id + "' }.registration", equalTo("REGISTERED"));
  }
}
