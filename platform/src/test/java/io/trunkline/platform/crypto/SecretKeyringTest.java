package io.trunkline.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Key ids, rotation, trunk binding and the tokens from before key ids. */
class SecretKeyringTest {

  static final String K1 = AesGcmSecretCipherTest.KEY;
  static final String K2 = AesGcmSecretCipherTest.OTHER_KEY;
  static final byte[] TRUNK_A = TrunkSecrets.binding("0b7c6c1e-0000-4000-8000-00000000000a");
  static final byte[] TRUNK_B = TrunkSecrets.binding("0b7c6c1e-0000-4000-8000-00000000000b");

  static SecretKeyring ring(List<String> keys, String current, boolean acceptUnbound) {
    return SecretKeyring.create(
        new SecretSettings(
            Optional.empty(), Optional.of(keys), Optional.ofNullable(current), acceptUnbound));
  }

  @Test
  void tokensCarryTheCurrentKeyIdAndDecryptOnlyForTheirTrunk() {
    SecretKeyring ring = ring(List.of("k1=" + K1, "k2=" + K2), "k2", true);
    String token = ring.encrypt("secret-pw", TRUNK_A);
    assertThat(token).startsWith("k2:").doesNotContain("secret-pw");
    assertThat(ring.decrypt(token, TRUNK_A)).isEqualTo("secret-pw");
    assertThatThrownBy(() -> ring.decrypt(token, TRUNK_B))
        .isInstanceOf(SecretCipherException.class)
        .hasMessageContaining("made for another record")
        .hasMessageNotContaining(token);
    assertThatThrownBy(() -> ring.decrypt(token, null)).isInstanceOf(SecretCipherException.class);
  }

  @Test
  void oldKeysStillDecryptAfterRotationAndNewTokensUseTheNewKey() {
    SecretKeyring before = ring(List.of("k1=" + K1), null, false);
    String old = before.encrypt("pw", TRUNK_A);
    SecretKeyring after = ring(List.of("k1=" + K1, "k2=" + K2), "k2", false);
    assertThat(after.decrypt(old, TRUNK_A)).isEqualTo("pw");
    assertThat(after.needsReencryption(old)).isTrue();
    String fresh = after.encrypt("pw", TRUNK_A);
    assertThat(after.needsReencryption(fresh)).isFalse();
    assertThat(SecretKeyring.keyIdOf(fresh)).isEqualTo("k2");
    // A consumer that does not know k2 yet cannot read the new token: roll keys out first.
    assertThatThrownBy(() -> before.decrypt(fresh, TRUNK_A))
        .isInstanceOf(SecretCipherException.class)
        .hasMessage("cannot decrypt: no key with the token's id 'k2'");
    // Dropping the retired key makes its tokens unreadable.
    SecretKeyring retired = ring(List.of("k2=" + K2), null, false);
    assertThatThrownBy(() -> retired.decrypt(old, TRUNK_A))
        .isInstanceOf(SecretCipherException.class);
  }

  @Test
  void swappingTheKeyIdPrefixFails() {
    // Both ids hold the same key bytes: only the id in the associated data tells them apart.
    SecretKeyring ring = ring(List.of("a=" + K1, "b=" + K1), "a", false);
    String token = ring.encrypt("pw", TRUNK_A);
    assertThatThrownBy(() -> ring.decrypt("b" + token.substring(1), TRUNK_A))
        .isInstanceOf(SecretCipherException.class);
  }

  @Test
  void theSingleKeySettingIsKeyK1AndItsUnboundTokensDecryptWhileAccepted() {
    String legacy = AesGcmSecretCipher.fromBase64Key(K1).encrypt("pw");
    SecretKeyring single = SecretKeyring.create(SecretSettings.singleKey(K1));
    assertThat(single.currentKeyId()).isEqualTo("k1");
    assertThat(single.decrypt(legacy, TRUNK_A)).isEqualTo("pw");
    assertThat(single.needsReencryption(legacy)).isTrue();
    // The same key given both ways is one key; a token of the single key decrypts in a ring.
    SecretKeyring both =
        SecretKeyring.create(
            new SecretSettings(
                Optional.of(K1),
                Optional.of(List.of("k1=" + K1, "k2=" + K2)),
                Optional.of("k2"),
                true));
    assertThat(both.decrypt(single.encrypt("pw", TRUNK_A), TRUNK_A)).isEqualTo("pw");
    assertThat(both.decrypt(legacy, TRUNK_B)).isEqualTo("pw");
    SecretKeyring strict = ring(List.of("k1=" + K1), null, false);
    assertThatThrownBy(() -> strict.decrypt(legacy, TRUNK_A))
        .isInstanceOf(SecretCipherException.class)
        .hasMessage(
            "cannot decrypt: the token has no key id and"
                + " trunkline.secrets.accept-unbound-tokens is false");
  }

  @Test
  void badSettingsAreRefusedWithoutShowingKeys() {
    assertThatThrownBy(
            () ->
                SecretKeyring.create(
                    new SecretSettings(Optional.empty(), Optional.empty(), Optional.empty(), true)))
        .hasMessage(
            "no encryption key: set trunkline.secrets.keys or trunkline.secrets.encryption-key");
    assertThatThrownBy(() -> ring(List.of("k1=" + K1, "k2=" + K2), null, true))
        .hasMessage("trunkline.secrets.current-key-id is not set and there are 2 keys");
    assertThatThrownBy(() -> ring(List.of("k1=" + K1), "k9", true))
        .hasMessage("trunkline.secrets.current-key-id 'k9' names no key of [k1]");
    // A key given without id must not be echoed as if it were one.
    assertThatThrownBy(() -> ring(List.of(K1), null, true))
        .hasMessageStartingWith("trunkline.secrets.keys: an entry is not id=base64")
        .hasMessageNotContaining(K1.substring(0, 20));
    assertThatThrownBy(() -> ring(List.of("k:1=" + K1), null, true))
        .hasMessageStartingWith("trunkline.secrets.keys: an entry is not id=base64");
    assertThatThrownBy(() -> ring(List.of("k2=c2hvcnQta2V5"), null, true))
        .hasMessage("trunkline.secrets.keys (k2) must be 32 bytes (base64), not 9");
    assertThatThrownBy(
            () ->
                SecretKeyring.create(
                    new SecretSettings(
                        Optional.of(K1), Optional.of(List.of("k1=" + K2)), Optional.empty(), true)))
        .hasMessage("key id 'k1' is given twice with different keys")
        .hasMessageNotContaining(K2);
  }
}
