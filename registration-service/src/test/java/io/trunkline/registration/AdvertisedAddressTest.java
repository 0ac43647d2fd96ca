package io.trunkline.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trunkline.registration.support.TestNode;
import io.trunkline.registration.support.TestRegistrar;
import io.trunkline.registration.support.TestRegistrar.Seen;
import io.trunkline.registration.support.TrunkFeed;
import io.trunkline.testsupport.KafkaBroker;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A registration node bound to 127.0.0.1 but told to advertise an address where nothing listens (as
 * a pod behind a public IP): the registrar sees only the advertised sent-by, with rport, and its
 * answers still arrive because they go to where the request came from, not to the Via.
 */
@Order(5)
class AdvertisedAddressTest {

  /** Nothing listens there: an answer sent to the Via would be lost. */
  static final String ADVERTISED_UDP = "127.0.0.77:5999";

  @Test
  void registersOverUdpAndTcpWithTheAdvertisedSentByAndRport() throws Exception {
    try (KafkaBroker broker = KafkaBroker.startFresh();
        TestRegistrar registrar = new TestRegistrar();
        TrunkFeed feed = new TrunkFeed(broker.bootstrapServers())) {
      broker.createTopics(1, KafkaBrokerResource.trunklineTopics());
      RegistrationCore core = node(broker);
      try {
        for (String transport : List.of("UDP", "TCP")) {
          String user = "adv" + transport.toLowerCase();
          registrar.account(user).password = "s3cret-" + user;
          ObjectNode trunk = TrunkFeed.trunk(user, registrar.port(), "s3cret-" + user);
          trunk.put("transport", transport);
          String id = trunk.get("id").asText();
          feed.publish(trunk);
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> {
                    JsonNode s = feed.lastStatus(id);
                    return s != null && "REGISTERED".equals(s.get("registration").asText());
                  });
          List<Seen> seen = registrar.of(user, "REGISTER");
          assertThat(seen).isNotEmpty();
          for (Seen s : seen) {
            String sentBy = transport.equals("UDP") ? ADVERTISED_UDP : "127.0.0.77:" + s.viaPort();
            assertThat(s.via()).contains("SIP/2.0/" + transport + " " + sentBy);
            assertThat(s.via()).contains("rport");
            assertThat(s.via()).doesNotContain("127.0.0.1:" + s.viaPort() + ";");
          }
          if (transport.equals("TCP")) {
            assertThat(seen.get(0).viaPort()).isNotEqualTo(5999); // the bound port
          }
        }
      } finally {
        core.close();
      }
    }
  }

  static RegistrationCore node(KafkaBroker broker) throws Exception {
    return TestNode.named("advertised", broker.bootstrapServers())
        .with("trunkline.sip.advertised.host", "127.0.0.77")
        .with("trunkline.sip.advertised.udp", ADVERTISED_UDP)
        .with("trunkline.kafka.consumer-group", "advertised-test")
        .start();
  }
}
