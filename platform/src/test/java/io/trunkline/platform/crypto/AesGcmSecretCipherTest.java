package io.trunkline.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The password cipher: the wire format of passwordEncrypted, its errors, associated data. */
class AesGcmSecretCipherTest {

  /** Bytes 0..31, base64. */
  static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  static final String OTHER_KEY = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

  final SecretCipher cipher = AesGcmSecretCipher.fromBase64Key(KEY);

  @Test
  void tokensAreBase64OfIvCiphertextAndTagAndDecryptBack() {
    String token = cipher.encrypt("p@ss wörd");
    byte[] raw = Base64.getDecoder().decode(token);
    // 12-byte IV, the UTF-8 bytes (10), the 16-byte tag.
    assertThat(raw).hasSize(12 + "p@ss wörd".getBytes(StandardCharsets.UTF_8).length + 16);
    assertThat(cipher.decrypt(token)).isEqualTo("p@ss wörd");
    assertThat(cipher.encrypt("p@ss wörd")).as("random IV per token").isNotEqualTo(token);
  }

  @Test
  void readsATokenMadeByPlainJceInTheContractFormat() throws Exception {
    // What any other implementation of the contract would send: iv || AES-GCM(ct || tag), no AAD.
    byte[] iv = "twelve bytes".getBytes(StandardCharsets.US_ASCII);
    Cipher jce = Cipher.getInstance("AES/GCM/NoPadding");
    jce.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(Base64.getDecoder().decode(KEY), "AES"),
        new GCMParameterSpec(128, iv));
    byte[] sealed = jce.doFinal("secret-1".getBytes(StandardCharsets.UTF_8));
    byte[] token = new byte[iv.length + sealed.length];
    System.arraycopy(iv, 0, token, 0, iv.length);
    System.arraycopy(sealed, 0, token, iv.length, sealed.length);

    assertThat(cipher.decrypt(Base64.getEncoder().encodeToString(token))).isEqualTo("secret-1");
  }

  @Test
  void aMissingShortOrMalformedKeyIsRefusedByName() {
    assertThatThrownBy(() -> AesGcmSecretCipher.fromBase64Key(null))
        .isInstanceOf(SecretCipherException.class)
        .hasMessage("trunkline.secrets.encryption-key is not set (base64 of 32 bytes)");
    assertThatThrownBy(() -> AesGcmSecretCipher.fromBase64Key("  "))
        .hasMessageContaining("is not set");
    assertThatThrownBy(() -> AesGcmSecretCipher.fromBase64Key("c2hvcnQta2V5"))
        .hasMessage("trunkline.secrets.encryption-key must be 32 bytes (base64), not 9");
    assertThatThrownBy(() -> AesGcmSecretCipher.fromBase64Key("not base64!"))
        .hasMessage("trunkline.secrets.encryption-key is not base64");
  }

  @Test
  void aWrongKeyOrAlteredTokenFailsWithoutRevealingAnything() {
    String token = cipher.encrypt("hunter2");
    SecretCipher other = AesGcmSecretCipher.fromBase64Key(OTHER_KEY);
    assertThatThrownBy(() -> other.decrypt(token))
        .isInstanceOf(SecretCipherException.class)
        .hasMessage("cannot decrypt: the token was made with another key or altered")
        .hasNoCause();

    byte[] raw = Base64.getDecoder().decode(token);
    raw[raw.length - 1] ^= 1;
    String altered = Base64.getEncoder().encodeToString(raw);
    assertThatThrownBy(() -> cipher.decrypt(altered))
        .hasMessage("cannot decrypt: the token was made with another key or altered");
    assertThatThrownBy(() -> cipher.decrypt("AAAA"))
        .hasMessage("cannot decrypt: the token is too short");
    assertThatThrownBy(() -> cipher.decrypt("%%%"))
        .hasMessage("cannot decrypt: the token is not base64");
    assertThatThrownBy(() -> cipher.decrypt(null)).hasMessage("cannot decrypt: no token");
  }

  @Test
  void associatedDataBindsTheTokenToIt() {
    byte[] trunkA = "trunk-a".getBytes(StandardCharsets.UTF_8);
    String token = cipher.encrypt("pw", trunkA);
    assertThat(cipher.decrypt(token, "trunk-a".getBytes(StandardCharsets.UTF_8))).isEqualTo("pw");
    assertThatThrownBy(() -> cipher.decrypt(token, "trunk-b".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SecretCipherException.class);
    assertThatThrownBy(() -> cipher.decrypt(token)).isInstanceOf(SecretCipherException.class);
  }

  @Test
  void anUnconfiguredCipherFailsOnUseOnly() {
    SecretCipher none = AesGcmSecretCipher.unconfigured();
    assertThatThrownBy(() -> none.decrypt("anything"))
        .isInstanceOf(SecretCipherException.class)
        .hasMessage("trunkline.secrets.encryption-key is not set");
    assertThatThrownBy(() -> none.encrypt("pw")).isInstanceOf(SecretCipherException.class);
  }

  @Test
  void secureRandomHexHasTheAskedLengthAndVaries() {
    String a = SecureRandoms.hex(8);
    assertThat(a).hasSize(16).matches("[0-9a-f]{16}");
    assertThat(SecureRandoms.hex(8)).isNotEqualTo(a);
    assertThat(SecureRandoms.bytes(12)).hasSize(12);
  }
}
