package io.trunkline.config.secrets;

import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.createTrunk;
import static io.trunkline.config.TestSupport.execute;
import static io.trunkline.config.TestSupport.name;
import static io.trunkline.config.TestSupport.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.config.Topics;
import io.trunkline.platform.crypto.AesGcmSecretCipher;
import io.trunkline.platform.crypto.SecretKeyring;
import io.trunkline.platform.crypto.SecretSettings;
import io.trunkline.platform.crypto.TrunkSecrets;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Key rotation in trunk-config: new passwords use the current key (k2); passwords stored under an
 * older key or before key ids are re-encrypted with k2 and published again with the same version; a
 * token stored for another trunk is refused and left alone.
 */
@QuarkusTest
@TestProfile(RotationProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class PasswordRotationTest {

  static final SecretKeyring OLD_RING =
      SecretKeyring.create(SecretSettings.singleKey(RotationProfile.K1));
  static final SecretKeyring NEW_RING =
      SecretKeyring.create(
          new SecretSettings(
              Optional.empty(),
              Optional.of(List.of("k1=" + RotationProfile.K1, "k2=" + RotationProfile.K2)),
              Optional.of("k2"),
              false));

  final ObjectMapper json = new ObjectMapper();

  @Test
  void storedPasswordsMoveToTheCurrentKeyWithoutAVersionChange() throws Exception {
    String underK1 = id(createTrunk(name("rot-k1")).asString());
    String unbound = id(createTrunk(name("rot-legacy")).asString());
    String foreign = id(createTrunk(name("rot-foreign")).asString());
    // Made current key k2 already.
    assertThat(stored(underK1)).startsWith("k2:");
    // What an older release stored: a k1 token bound to the trunk, and a token without key id.
    setStored(underK1, OLD_RING.encrypt("pw-k1", TrunkSecrets.binding(underK1)));
    setStored(unbound, AesGcmSecretCipher.fromBase64Key(RotationProfile.K1).encrypt("pw-old"));
    String copied = OLD_RING.encrypt("pw-other", TrunkSecrets.binding(underK1));
    setStored(foreign, copied);
    long version = version(underK1);

    JsonNode result =
        json.readTree(
            api().post("/api/v1/secrets/reencrypt").then().statusCode(200).extract().asString());
    assertThat(result.get("currentKeyId").asText()).isEqualTo("k2");
    assertThat(result.get("reencrypted").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(result.get("failed").asInt()).isGreaterThanOrEqualTo(1);

    assertThat(stored(underK1)).startsWith("k2:");
    assertThat(NEW_RING.decrypt(stored(underK1), TrunkSecrets.binding(underK1))).isEqualTo("pw-k1");
    assertThat(NEW_RING.decrypt(stored(unbound), TrunkSecrets.binding(unbound)))
        .isEqualTo("pw-old");
    assertThat(stored(foreign)).as("refused, not re-sealed for this trunk").isEqualTo(copied);
    assertThat(version(underK1)).isEqualTo(version);

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<JsonNode> values =
                  Topics.forKey("trunk.config.v1", underK1).stream()
                      .map(r -> read(r.value()))
                      .toList();
              JsonNode last = values.get(values.size() - 1);
              assertThat(last.get("passwordEncrypted").asText()).isEqualTo(stored(underK1));
              assertThat(last.get("version").asLong()).isEqualTo(version);
            });
    // Nothing left to do: a second run changes nothing.
    JsonNode again = json.readTree(api().post("/api/v1/secrets/reencrypt").asString());
    assertThat(again.get("reencrypted").asInt()).isZero();
  }

  private JsonNode read(String value) {
    try {
      return json.readTree(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String id(String body) throws Exception {
    return json.readTree(body).get("id").asText();
  }

  private static String stored(String id) {
    return string("select password_encrypted from trunk where id = '" + id + "'");
  }

  private static long version(String id) {
    return Long.parseLong(string("select version from trunk where id = '" + id + "'"));
  }

  private static void setStored(String id, String token) {
    execute("update trunk set password_encrypted = '" + token + "' where id = '" + id + "'");
  }
}
