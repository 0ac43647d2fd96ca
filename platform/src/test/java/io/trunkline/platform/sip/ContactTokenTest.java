package io.trunkline.platform.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The Contact token format that call-routing checks INVITEs against. The expected values were
 * computed outside Java, with {@code printf '%s' "trunkline-contact-token:<id>" | openssl dgst
 * -sha256 -mac HMAC -macopt hexkey:000102…1f} (the test key: bytes 0 to 31), first 16 bytes in hex.
 */
class ContactTokenTest {

  static final String TEST_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  @Test
  void matchesTheDocumentedComputation() {
    assertThat(ContactToken.of(TEST_KEY, "3f2b8c1e-5d4a-4b8e-9a71-0c6d2e9f4a10"))
        .isEqualTo("tlf37110cd7d54f78f47e6f36e64e1a6a4");
    assertThat(ContactToken.of(TEST_KEY, "3f2b8c1e-5d4a-4b8e-9a71-0c6d2e9f4a11"))
        .isEqualTo("tl7e167edeb64b1c83e6a7290ccc90826d");
  }

  @Test
  void dependsOnTheKey() {
    byte[] other = new byte[32];
    assertThat(ContactToken.of(other, "3f2b8c1e-5d4a-4b8e-9a71-0c6d2e9f4a10"))
        .matches("tl[0-9a-f]{32}")
        .isNotEqualTo("tlf37110cd7d54f78f47e6f36e64e1a6a4");
  }
}
