package io.trunkline.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trunkline.registration.support.TestNode;
import io.trunkline.registration.support.TestRegistrar;
import io.trunkline.registration.support.TestRegistrar.Mode;
import io.trunkline.registration.support.TestRegistrar.Seen;
import io.trunkline.registration.support.TrunkFeed;
import io.trunkline.testsupport.KafkaBroker;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Two registration nodes in one consumer group on a 6-partition topic. Each node is a complete
 * {@link RegistrationCore} (own SIP stack, consumer, engine, producer) in this JVM, on its own
 * broker, so the group contains exactly these two.
 */
@Order(4)
class ConsumerGroupTest {

  static final int TRUNKS = 12;

  static RegistrationCore node(String bootstrap, String name, int sipPort) throws Exception {
    return TestNode.named(name, bootstrap)
        .with("trunkline.sip.port", Integer.toString(sipPort))
        .with("trunkline.registration.initial-spread", "1s")
        .with("trunkline.kafka.consumer-group", "group-test")
        .start();
  }

  @Test
  void eachTrunkIsRegisteredByExactlyOneNodeAndMovesWhenItsNodeStops() throws Exception {
    try (KafkaBroker broker = KafkaBroker.startFresh();
        TestRegistrar registrar = new TestRegistrar()) {
      broker.createTopics(6, KafkaBrokerResource.trunklineTopics());
      int portA = TestRegistrar.freeSipPort();
      int portB = TestRegistrar.freeSipPort();
      RegistrationCore a = node(broker.bootstrapServers(), "node-a", portA);
      RegistrationCore b = node(broker.bootstrapServers(), "node-b", portB);
      try {
        // Steady state first: the group split the 6 partitions between the two nodes.
        await()
            .atMost(Duration.ofSeconds(40))
            .until(
                () ->
                    !a.ownedPartitions().isEmpty()
                        && !b.ownedPartitions().isEmpty()
                        && a.ownedPartitions().size() + b.ownedPartitions().size() == 6);
        List<String> ids = new ArrayList<>();
        List<String> users = new ArrayList<>();
        try (TrunkFeed feed = new TrunkFeed(broker.bootstrapServers())) {
          for (int i = 0; i < TRUNKS; i++) {
            String user = "grp" + i;
            registrar.account(user).mode = Mode.OK_DIRECT;
            ObjectNode t = TrunkFeed.trunk(user, registrar.port(), "pw");
            ids.add(t.get("id").asText());
            users.add(user);
            feed.publish(t);
          }
        }
        await()
            .atMost(Duration.ofSeconds(40))
            .until(() -> ids.stream().allMatch(id -> registeredOn(a, id) || registeredOn(b, id)));
        // Let late rebalances settle, then check: one node per trunk, both nodes busy.
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        List<String> onB = ids.stream().filter(id -> registeredOn(b, id)).toList();
        for (int i = 0; i < TRUNKS; i++) {
          String id = ids.get(i);
          assertThat(registeredOn(a, id) ^ registeredOn(b, id)).as(id).isTrue();
          Set<Integer> senders =
              registrar.of(users.get(i), "REGISTER").stream()
                  .map(Seen::viaPort)
                  .collect(Collectors.toSet());
          assertThat(senders).as("nodes that registered " + users.get(i)).hasSize(1);
        }
        assertThat(onB).isNotEmpty().hasSizeLessThan(TRUNKS);
        assertThat(a.ready()).isTrue();

        Instant stopped = Instant.now();
        b.close();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> onB.stream().allMatch(id -> registeredOn(a, id)));
        for (String id : onB) {
          String user = users.get(ids.indexOf(id));
          List<Seen> fromA =
              registrar.of(user, "REGISTER").stream().filter(s -> s.viaPort() == portA).toList();
          assertThat(fromA).isNotEmpty();
          assertThat(fromA.get(0).at()).isAfter(stopped);
        }
      } finally {
        a.close();
        b.close();
      }
    }
  }

  private static boolean registeredOn(RegistrationCore node, String id) {
    return node.status().get(id).map(s -> s.registration().equals("REGISTERED")).orElse(false);
  }
}
