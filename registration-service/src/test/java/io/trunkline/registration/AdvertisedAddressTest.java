package io.trunkline.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.registration.support.SipPortResource;
import io.trunkline.registration.support.TestRegistrar;
import io.trunkline.registration.support.TestRegistrar.Seen;
import io.trunkline.registration.support.TrunkFeed;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service bound to 127.0.0.1 but told to advertise an address where nothing listens (as a pod
 * behind a public IP): the registrar sees only the advertised sent-by, with rport, and its answers
 * still arrive because they go to where the request came from, not to the Via.
 */
@QuarkusTest
@TestProfile(AdvertisedAddressTest.Profile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(SipPortResource.class)
class AdvertisedAddressTest {

  /** Nothing listens there: an answer sent to the Via would be lost. */
  static final String ADVERTISED_UDP = "127.0.0.77:5999";

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "trunkline.sip.advertised.host",
          "127.0.0.77",
          "trunkline.sip.advertised.udp",
          ADVERTISED_UDP);
    }
  }

  static TestRegistrar registrar;
  static TrunkFeed feed;

  @BeforeAll
  static void start() throws Exception {
    registrar = new TestRegistrar();
    feed = new TrunkFeed(KafkaBrokerResource.broker().bootstrapServers());
  }

  @AfterAll
  static void stop() {
    feed.close();
    registrar.close();
  }

  @Test
  void registersOverUdpAndTcpWithTheAdvertisedSentByAndRport() {
    for (String transport : List.of("UDP", "TCP")) {
      String user = "adv" + transport.toLowerCase() + System.nanoTime() % 1_000_000;
      TestRegistrar.Account account = registrar.account(user);
      account.password = "s3cret-" + user;
      ObjectNode trunk = TrunkFeed.trunk(user, registrar.port(), account.password);
      trunk.put("transport", transport);
      String id = trunk.get("id").asText();
      feed.publish(trunk);

      await()
          .atMost(Duration.ofSeconds(20))
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
        assertThat(seen.get(0).viaPort()).isNotEqualTo(5999); // the bound port, as configured
      }
    }
  }
}
