package io.trunkline.config.event;

import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.name;
import static io.trunkline.config.TestSupport.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.config.Topics;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The password is write-only: absent from every response, ciphertext in the row and in the event,
 * and it decrypts to the original with the configured key.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class PasswordSecrecyTest {

  private static final String PASSWORD = "Sup3r-S3cret-Pa55";

  @Test
  void passwordIsEncryptedEverywhereAndNeverReturned() throws Exception {
    String name = name("secret");
    String create =
        api()
            .body(
                "{\"name\":\"%s\",\"host\":\"sip.example.com\",\"username\":\"1001\",\"password\":\"%s\"}"
                    .formatted(name, PASSWORD))
            .post("/api/v1/trunks")
            .then()
            .statusCode(201)
            .extract()
            .asString();
    String id = new ObjectMapper().readTree(create).get("id").asText();
    // Binding the new trunk's token to its id does not count as a change.
    assertThat(new ObjectMapper().readTree(create).get("version").asLong()).isEqualTo(1);
    List<String> responses =
        List.of(
            create,
            api().get("/api/v1/trunks/" + id).asString(),
            api().get("/api/v1/trunks").asString(),
            api().body("{\"realm\":\"example.com\"}").patch("/api/v1/trunks/" + id).asString(),
            api()
                .body(
                    "{\"name\":\"%s\",\"host\":\"sip.example.com\",\"username\":\"1001\"}"
                        .formatted(name))
                .put("/api/v1/trunks/" + id)
                .asString(),
            // an error answer must not echo it either
            api()
                .body(
                    "{\"name\":\"%s\",\"host\":\"bad host\",\"username\":\"1\",\"password\":\"%s\"}"
                        .formatted(name, PASSWORD))
                .post("/api/v1/trunks")
                .asString(),
            api()
                .body("{\"password\":\"" + PASSWORD + "\" oops")
                .post("/api/v1/trunks")
                .asString());
    for (String r : responses) {
      assertThat(r).doesNotContain(PASSWORD).doesNotContain("\"password\"");
    }

    String stored = string("select password_encrypted from trunk where id = '" + id + "'");
    assertThat(stored).isNotBlank().doesNotContain(PASSWORD);
    assertThat(decrypt(stored, id)).isEqualTo(PASSWORD);

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Topics.forKey("trunk.config.v1", id).size() >= 3);
    for (var record : Topics.forKey("trunk.config.v1", id)) {
      assertThat(record.value()).doesNotContain(PASSWORD);
      JsonNode event = new ObjectMapper().readTree(record.value());
      assertThat(event.has("password")).isFalse();
      assertThat(decrypt(event.get("passwordEncrypted").asText(), id)).isEqualTo(PASSWORD);
    }
  }

  /**
   * Decrypts as docs/contract.md says a consumer does: {@code <key id>:} then base64 of iv (12) ||
   * ciphertext+tag, associated data {@code "trunkline-secret\0" <key id> "\0trunk\0" <trunk id>}.
   */
  private static String decrypt(String token, String trunkId) throws Exception {
    assertThat(token).startsWith("k1:");
    byte[] key =
        Base64.getDecoder()
            .decode(
                ConfigProvider.getConfig()
                    .getValue("trunkline.secrets.encryption-key", String.class));
    byte[] all = Base64.getDecoder().decode(token.substring(3));
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, all, 0, 12));
    cipher.updateAAD(("trunkline-secret\0k1\0trunk\0" + trunkId).getBytes(StandardCharsets.UTF_8));
    return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
  }
}
