package io.trunkline.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trunkline.platform.crypto.SecretKeyring;
import io.trunkline.platform.crypto.SecretSettings;
import io.trunkline.platform.crypto.TrunkSecrets;
import io.trunkline.registration.support.TestNode;
import io.trunkline.registration.support.TestRegistrar;
import io.trunkline.registration.support.TestRegistrar.Seen;
import io.trunkline.registration.support.TrunkFeed;
import io.trunkline.testsupport.KafkaBroker;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Passwords bound to their trunk, and a key rotation on running registration nodes (real broker,
 * real registrar that challenges every REGISTER): the records trunk-config publishes before, during
 * and after the rotation keep the trunk registered on every node, one after the other, and no
 * REGISTER ever carries a wrong digest. A record whose password was made for another trunk sends
 * nothing anywhere.
 */
@Order(5)
class KeyRotationTest {

  static final String K1 = TrunkFeed.TEST_KEY;
  static final String K2 = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
  static final String PASSWORD = "rot4te-me";

  @Test
  void keysRotateAcrossRunningNodesWithoutAFailedRegistration() throws Exception {
    try (KafkaBroker broker = KafkaBroker.startFresh();
        TestRegistrar registrar = new TestRegistrar();
        TrunkFeed feed = new TrunkFeed(broker.bootstrapServers())) {
      broker.createTopics(1, KafkaBrokerResource.trunklineTopics());
      registrar.account("rot").password = PASSWORD;
      // What trunk-config published before key ids: a token of the single key, bound to nothing.
      ObjectNode trunk = TrunkFeed.trunk("rot", registrar.port(), PASSWORD);
      String id = trunk.get("id").asText();
      feed.publish(trunk);

      // The old release: one key.
      RegistrationCore old = node(broker, "rot-old", Map.of("encryption-key", K1));
      RegistrationCore ring = null;
      RegistrationCore fresh = null;
      try {
        awaitRegistered(old, id);
        // Step 1: every consumer learns k2 (still current: k1) in a rolling restart.
        ring =
            node(
                broker,
                "rot-ring",
                Map.of("keys", "k1=" + K1 + ",k2=" + K2, "current-key-id", "k1"));
        old.close();
        old = null;
        awaitRegistered(ring, id);
        int before = registrar.of("rot", "REGISTER").size();

        // Step 2: trunk-config makes k2 current and publishes the trunk again (same version).
        SecretKeyring k2 = ring(List.of("k1=" + K1, "k2=" + K2), "k2", true);
        trunk.put("passwordEncrypted", k2.encrypt(PASSWORD, TrunkSecrets.binding(id)));
        feed.publishSameVersion(trunk);
        // A later edit carries a k2 token with a newer version: the node decrypts it and answers
        // the registrar's challenge with it.
        trunk.put("registerExpires", 300);
        trunk.put("passwordEncrypted", k2.encrypt(PASSWORD, TrunkSecrets.binding(id)));
        feed.publish(trunk);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    registrar.of("rot", "REGISTER").stream()
                        .skip(before)
                        .anyMatch(s -> s.authUser() != null && s.authValid()));
        awaitRegistered(ring, id);

        // Step 3: k1 is retired; a node with k2 only takes the trunk over.
        fresh =
            node(
                broker,
                "rot-new",
                Map.of(
                    "keys", "k2=" + K2, "current-key-id", "k2", "accept-unbound-tokens", "false"));
        ring.close();
        ring = null;
        awaitRegistered(fresh, id);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    registrar.of("rot", "REGISTER").stream().map(Seen::viaPort).distinct().count()
                        >= 3);

        List<Seen> answers =
            registrar.of("rot", "REGISTER").stream().filter(s -> s.authUser() != null).toList();
        assertThat(answers).isNotEmpty().allMatch(Seen::authValid);
        assertThat(feed.statusesOf(id))
            .as("no status of the trunk was ever FAILED")
            .noneMatch(s -> s != null && "FAILED".equals(s.path("registration").asText()));
      } finally {
        for (RegistrationCore n : new RegistrationCore[] {old, ring, fresh}) {
          if (n != null) {
            n.close();
          }
        }
      }
    }
  }

  @Test
  void aPasswordCopiedFromAnotherTrunkIsRefusedAndNothingIsSent() throws Exception {
    try (KafkaBroker broker = KafkaBroker.startFresh();
        TestRegistrar real = new TestRegistrar();
        TestRegistrar attacker = new TestRegistrar();
        TrunkFeed feed = new TrunkFeed(broker.bootstrapServers())) {
      broker.createTopics(1, KafkaBrokerResource.trunklineTopics());
      SecretKeyring keys = ring(List.of("k1=" + K1), null, false);
      real.account("victim").password = PASSWORD;
      ObjectNode victim = TrunkFeed.trunk("victim", real.port(), null);
      String victimId = victim.get("id").asText();
      victim.put("passwordEncrypted", keys.encrypt(PASSWORD, TrunkSecrets.binding(victimId)));
      // A record nobody made in trunk-config: the victim's token, the attacker's host.
      ObjectNode forged = TrunkFeed.trunk("victim", attacker.port(), null);
      String forgedId = forged.get("id").asText();
      forged.put("passwordEncrypted", victim.get("passwordEncrypted").asText());

      MeterRegistry meters = new SimpleMeterRegistry();
      RegistrationCore node =
          node(
              broker, "bind", Map.of("keys", "k1=" + K1, "accept-unbound-tokens", "false"), meters);
      try {
        feed.publish(victim);
        feed.publish(forged);
        awaitRegistered(node, victimId);
        await().atMost(Duration.ofSeconds(30)).until(() -> node.status().get(forgedId).isPresent());
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> {
                  JsonNode s = feed.lastStatus(forgedId);
                  return s != null && "FAILED".equals(s.path("registration").asText());
                });
        assertThat(feed.lastStatus(forgedId).path("lastReason").asText())
            .isEqualTo("password not usable for this trunk");
        // Give a REGISTER (and its retransmissions) every chance to show up.
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(attacker.seen).as("requests the attacker's host received").isEmpty();
        assertThat(
                meters
                    .get("trunk.registrations")
                    .tag("trunk", forged.get("name").asText())
                    .tag("outcome", "bad_secret")
                    .counter()
                    .count())
            .isEqualTo(1.0);
        assertThat(feed.statusesOf(forgedId).toString()).doesNotContain(PASSWORD);
      } finally {
        node.close();
      }
    }
  }

  private static SecretKeyring ring(List<String> keys, String current, boolean acceptUnbound) {
    return SecretKeyring.create(
        new SecretSettings(
            Optional.empty(), Optional.of(keys), Optional.ofNullable(current), acceptUnbound));
  }

  private static void awaitRegistered(RegistrationCore node, String id) {
    await()
        .atMost(Duration.ofSeconds(40))
        .until(
            () ->
                node.status()
                    .get(id)
                    .map(s -> s.registration().equals("REGISTERED"))
                    .orElse(false));
  }

  static RegistrationCore node(KafkaBroker broker, String name, Map<String, String> secrets)
      throws Exception {
    return node(broker, name, secrets, new SimpleMeterRegistry());
  }

  static RegistrationCore node(
      KafkaBroker broker, String name, Map<String, String> secrets, MeterRegistry meters)
      throws Exception {
    return TestNode.named(name, broker.bootstrapServers())
        .with("trunkline.kafka.consumer-group", "rotation-test")
        .secrets(secrets)
        .start(meters);
  }
}
