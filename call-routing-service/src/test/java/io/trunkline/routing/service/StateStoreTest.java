package io.trunkline.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.platform.crypto.AesGcmSecretCipher;
import io.trunkline.platform.crypto.TrunkSecrets;
import io.trunkline.routing.StateFeeder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The contract's example payloads through the store: records, versions, tombstones, rewrite. */
class StateStoreTest {

  static final String TRUNK = "7c1e6f0a-1111-4a4a-9c9c-000000000001";
  static final String RULE = "9a9a9a9a-2222-4b4b-8d8d-000000000001";
  // Thursday 2026-11-26 10:00 London: inside the example rule's window.
  static final Clock OPEN = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  final StateStore store = new StateStore(StateFeeder.keyRing(), new ObjectMapper());
  final TrunkUsage usage = new TrunkUsage();
  final RouteResolver resolver = new RouteResolver(store, usage, OPEN);

  static String example(String name) throws IOException {
    try (InputStream in = StateStoreTest.class.getResourceAsStream("/examples/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  void loadExamples() throws IOException {
    String trunk =
        example("trunk.config.v1.json")
            .replace(
                "REPLACED-BY-TEST",
                AesGcmSecretCipher.fromBase64Key(StateFeeder.KEY).encrypt("pw-1"));
    store.applyTrunk(TRUNK, trunk);
    store.applyRule(RULE, example("routing.rules.v1.json"));
    store.applyStatus(TRUNK, example("trunk.status.v1.json"));
    store.publish();
  }

  @Test
  void examplePayloadsBecomeARoutableState() throws IOException {
    loadExamples();
    Trunk t = store.snapshot().trunks().get(TRUNK);
    assertThat(t.name()).isEqualTo("twilio-main");
    assertThat(t.password()).isEqualTo("pw-1");
    assertThat(t.registers()).isTrue();
    assertThat(t.isFailover(503)).isTrue();
    assertThat(t.isFailover(486)).isFalse();
    assertThat(t.toString()).doesNotContain("pw-1");

    Resolution r = resolver.resolve("105", "002345");
    assertThat(r.rule().id()).isEqualTo(RULE);
    assertThat(r.prefixLength()).isEqualTo(2);
    // E164 trunk: "+44" + "2345" already carries its plus.
    assertThat(r.candidates())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.number()).isEqualTo("+442345");
              assertThat(c.callerId()).isEqualTo("105");
              assertThat(c.skipReason()).isNull();
            });
  }

  @Test
  void aPasswordDecryptsOnlyInTheTrunkItWasMadeFor() throws IOException {
    var keys = StateFeeder.keyRing();
    String bound = keys.encrypt("pw-bound", TrunkSecrets.binding(TRUNK));
    store.applyTrunk(TRUNK, example("trunk.config.v1.json").replace("REPLACED-BY-TEST", bound));
    store.publish();
    assertThat(store.snapshot().trunks().get(TRUNK).password()).isEqualTo("pw-bound");

    String copied = keys.encrypt("pw-bound", TrunkSecrets.binding("another-trunk"));
    // Same version: a record that is not older replaces the one held.
    String forged = example("trunk.config.v1.json").replace("REPLACED-BY-TEST", copied);
    store.applyTrunk(TRUNK, forged);
    store.publish();
    assertThat(store.snapshot().trunks().get(TRUNK).password()).isNull();
  }

  @Test
  void conditionsOfTheExampleRuleHold() throws IOException {
    loadExamples();
    assertThat(resolver.resolve("111", "002345")).as("caller outside 101-110;199").isNull();
    assertThat(resolver.resolve("199", "0023456")).as("length 7 not in [6,13]").isNull();
    RouteResolver closed =
        new RouteResolver(
            store, usage, Clock.fixed(Instant.parse("2026-11-26T18:00:00Z"), ZoneOffset.UTC));
    assertThat(closed.resolve("105", "002345")).as("after 17:30 London").isNull();
    RouteResolver holiday =
        new RouteResolver(
            store, usage, Clock.fixed(Instant.parse("2026-12-25T10:00:00Z"), ZoneOffset.UTC));
    assertThat(holiday.resolve("105", "002345")).isNull();
  }

  @Test
  void olderVersionsAreIgnoredAndTombstonesDelete() throws IOException {
    loadExamples();
    String older =
        example("routing.rules.v1.json")
            .replace("\"version\": 1", "\"version\": 0")
            .replace("\"priority\": 1000", "\"priority\": 1, \"x\": 1")
            .replace("[\"00\"]", "[\"9\"]");
    store.applyRule(RULE, older);
    store.publish();
    assertThat(resolver.resolve("105", "002345")).isNotNull();
    String disabledStatus =
        example("trunk.status.v1.json")
            .replace("1764151200000", "1764151100000")
            .replace("\"REGISTERED\"", "\"FAILED\"");
    store.applyStatus(TRUNK, disabledStatus);
    store.publish();
    assertThat(resolver.resolve("105", "002345").candidates().get(0).skipReason()).isNull();

    String failed =
        example("trunk.status.v1.json")
            .replace("1764151200000", "1764151300000")
            .replace("\"REGISTERED\"", "\"FAILED\"");
    store.applyStatus(TRUNK, failed);
    store.publish();
    assertThat(resolver.resolve("105", "002345").candidates().get(0).skipReason())
        .isEqualTo("not registered");

    store.applyRule(RULE, null);
    store.publish();
    assertThat(resolver.resolve("105", "002345")).isNull();
  }

  @Test
  void tlsVerifyIsReadAndARecordWithoutItKeepsTheCertificateCheck() throws IOException {
    loadExamples();
    // the example predates tlsVerify: a record from an older trunk-config still verifies
    assertThat(example("trunk.config.v1.json")).doesNotContain("tlsVerify");
    assertThat(store.snapshot().trunks().get(TRUNK).tlsVerify()).isTrue();

    String unchecked =
        example("trunk.config.v1.json")
            .replace("\"version\": 3", "\"version\": 4")
            .replace("\"transport\": \"UDP\"", "\"transport\": \"TLS\", \"tlsVerify\": false");
    store.applyTrunk(TRUNK, unchecked);
    store.publish();
    Trunk t = store.snapshot().trunks().get(TRUNK);
    assertThat(t.transport()).isEqualTo("TLS");
    assertThat(t.tlsVerify()).isFalse();

    String checked =
        unchecked
            .replace("\"version\": 4", "\"version\": 5")
            .replace("\"tlsVerify\": false", "\"tlsVerify\": true");
    store.applyTrunk(TRUNK, checked);
    store.publish();
    assertThat(store.snapshot().trunks().get(TRUNK).tlsVerify()).isTrue();
  }

  @Test
  void unreadableValuesAreSkipped() {
    store.applyRule("x", "{not json");
    store.applyTrunk("y", "[]");
    store.publish();
    assertThat(store.snapshot().rules().size()).isZero();
    assertThat(store.snapshot().trunks()).isEmpty();
  }

  @Test
  void capacityLimitsSkipATrunk() throws IOException {
    loadExamples();
    String limited =
        example("trunk.config.v1.json")
            .replace("\"version\": 3", "\"version\": 4")
            .replace("\"maxConcurrentCalls\": 0", "\"maxConcurrentCalls\": 1");
    store.applyTrunk(TRUNK, limited);
    store.publish();
    Trunk t = store.snapshot().trunks().get(TRUNK);
    assertThat(usage.tryAcquire(t)).isTrue();
    assertThat(usage.tryAcquire(t)).isFalse();
    assertThat(resolver.resolve("105", "002345").candidates().get(0).skipReason())
        .isEqualTo("at maxConcurrentCalls");
    usage.release(TRUNK);
    assertThat(usage.tryAcquire(t)).isTrue();
  }
}
