package io.trunkline.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.platform.crypto.SecretSettings;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The start-up checks of a production deployment, as the services run them. */
class ProductionSettingsTest {

  static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  static final String PBX = "trunkline.routing.pbx-cidrs";

  static List<String> everything(
      Optional<List<String>> apiKeys, SecretSettings secrets, Optional<List<String>> cidrs) {
    List<String> all = new java.util.ArrayList<>(ProductionSettings.apiKeys(apiKeys));
    all.addAll(ProductionSettings.encryptionKeys(secrets));
    all.addAll(ProductionSettings.pbxCidrs(PBX, cidrs));
    return all;
  }

  static final SecretSettings NO_KEY =
      new SecretSettings(Optional.empty(), Optional.empty(), Optional.empty(), true);

  @Test
  void onlyTheProductionDeploymentIsChecked() {
    assertThat(ProductionSettings.isProduction(Optional.of("production"))).isTrue();
    assertThat(ProductionSettings.isProduction(Optional.of(" Production "))).isTrue();
    assertThat(ProductionSettings.isProduction(Optional.of("standalone"))).isFalse();
    assertThat(ProductionSettings.isProduction(Optional.empty())).isFalse();
    // Outside production the same problems do not stop the service (local runs, load tests).
    List<String> problems = everything(Optional.empty(), NO_KEY, Optional.empty());
    assertThat(problems).hasSize(3);
    assertThatCode(() -> ProductionSettings.enforce(false, "call-routing", problems))
        .doesNotThrowAnyException();
  }

  @Test
  void productionWithoutKeysOrPbxSourcesRefusesToStartNamingEverySetting() {
    List<String> problems = everything(Optional.of(List.of(" ")), NO_KEY, Optional.empty());
    assertThatThrownBy(() -> ProductionSettings.enforce(true, "call-routing", problems))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "call-routing refuses to start with trunkline.deployment=production: "
                + "trunkline.api.keys (TRUNKLINE_API_KEYS) is not set; "
                + "no encryption key: set trunkline.secrets.keys or"
                + " trunkline.secrets.encryption-key; "
                + "trunkline.routing.pbx-cidrs is not set: list the PBXs' source addresses");
  }

  @Test
  void theDefaultAndCatchAllPbxSourcesAreNoChoice() {
    assertThat(ProductionSettings.pbxCidrs(PBX, Optional.of(List.of("127.0.0.0/8"))))
        .containsExactly(
            "trunkline.routing.pbx-cidrs contains 127.0.0.0/8: list the PBXs' source addresses");
    assertThat(ProductionSettings.pbxCidrs(PBX, Optional.of(List.of("192.0.2.0/28", "0.0.0.0/0"))))
        .hasSize(1);
    assertThat(ProductionSettings.pbxCidrs(PBX, Optional.of(List.of("::/0")))).hasSize(1);
    assertThat(
            ProductionSettings.pbxCidrs(PBX, Optional.of(List.of("192.0.2.0/28", "10.1.2.0/24"))))
        .isEmpty();
  }

  @Test
  void aCompleteProductionSettingPasses() {
    List<String> problems =
        everything(
            Optional.of(List.of("k-1")),
            new SecretSettings(
                Optional.empty(),
                Optional.of(List.of("k1=" + KEY, "k2=" + KEY)),
                Optional.of("k2"),
                false),
            Optional.of(List.of("192.0.2.0/28")));
    assertThat(problems).isEmpty();
    assertThatCode(() -> ProductionSettings.enforce(true, "call-routing", problems))
        .doesNotThrowAnyException();
  }

  @Test
  void aBrokenKeyRingIsAProblemWithoutShowingTheKey() {
    List<String> problems =
        ProductionSettings.encryptionKeys(
            new SecretSettings(
                Optional.empty(),
                Optional.of(List.of("k1=" + KEY, "k2=" + KEY)),
                Optional.empty(),
                true));
    assertThat(problems)
        .containsExactly("trunkline.secrets.current-key-id is not set and there are 2 keys");
    assertThat(String.join("", problems)).doesNotContain(KEY);
  }
}
