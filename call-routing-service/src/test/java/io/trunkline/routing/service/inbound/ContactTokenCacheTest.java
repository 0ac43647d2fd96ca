package io.trunkline.routing.service.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.platform.crypto.SecretKeyring;
import io.trunkline.platform.crypto.SecretSettings;
import io.trunkline.platform.sip.ContactToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContactTokenCacheTest {

  static final String OLD_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  static final String NEW_KEY = "HxwdHhsaGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA=";
  static final String TRUNK = "0b7c6c1e-0000-4000-8000-00000000000a";
  static final String OTHER = "0b7c6c1e-0000-4000-8000-00000000000b";

  final SecretKeyring ring =
      SecretKeyring.create(
          new SecretSettings(
              Optional.empty(),
              Optional.of(List.of("old=" + OLD_KEY, "new=" + NEW_KEY)),
              Optional.of("new"),
              true));

  @Test
  void acceptsTheTrunksTokenUnderEveryKeyAndNothingElse() {
    ContactTokens tokens = new ContactTokenCache(ring::contactTokens);
    String underOld = ContactToken.of(OLD_KEY, TRUNK);
    String underNew = ContactToken.of(NEW_KEY, TRUNK);

    assertThat(tokens.isTokenOf(underOld, TRUNK)).isTrue();
    assertThat(tokens.isTokenOf(underNew, TRUNK)).isTrue();
    assertThat(tokens.isTokenOf(underNew, OTHER)).isFalse();
    assertThat(tokens.isTokenOf(ContactToken.of(NEW_KEY, OTHER), TRUNK)).isFalse();
    assertThat(tokens.isTokenOf(null, TRUNK)).isFalse();
    assertThat(tokens.isTokenOf(underNew.substring(1), TRUNK)).isFalse();
  }

  @Test
  void answersLikeTheKeyRingWhileComputingEachTrunksTokensOnce() {
    List<String> computed = new ArrayList<>();
    ContactTokens tokens =
        new ContactTokenCache(
            id -> {
              computed.add(id);
              return ring.contactTokens(id);
            });
    String token = ContactToken.of(OLD_KEY, TRUNK);

    for (int i = 0; i < 3; i++) {
      for (String trunk : List.of(TRUNK, OTHER)) {
        assertThat(tokens.isTokenOf(token, trunk)).isEqualTo(ring.isContactToken(token, trunk));
      }
    }
    assertThat(computed).containsExactly(TRUNK, OTHER);
  }
}
