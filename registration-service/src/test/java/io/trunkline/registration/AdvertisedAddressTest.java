package io.trunkline.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.trunkline.platform.sip.config.AdvertisedSipConfig;
import io.trunkline.registration.config.ConsumerGroupConfig;
import io.trunkline.registration.config.RegistrationConfig;
import io.trunkline.registration.config.SecretsConfig;
import io.trunkline.registration.config.SipConfig;
import io.trunkline.registration.config.TopicsConfig;
import io.trunkline.registration.support.TestRegistrar;
import io.trunkline.registration.support.TestRegistrar.Seen;
import io.trunkline.registration.support.TrunkFeed;
import io.trunkline.testsupport.KafkaBroker;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    Map<String, String> p = new HashMap<>();
    p.put("trunkline.sip.host", "127.0.0.1");
    p.put("trunkline.sip.port", Integer.toString(TestRegistrar.freeSipPort()));
    p.put("trunkline.sip.stack-name", "advertised");
    p.put("trunkline.sip.t1", "100ms");
    p.put("trunkline.sip.advertised.host", "127.0.0.77");
    p.put("trunkline.sip.advertised.udp", ADVERTISED_UDP);
    p.put("trunkline.registration.contact-uri", "sip:127.0.0.1:5060");
    p.put("trunkline.registration.initial-spread", "200ms");
    p.put("trunkline.topics.trunk-config", "trunk.config.v1");
    p.put("trunkline.topics.trunk-status", "trunk.status.v1");
    p.put("trunkline.kafka.consumer-group", "advertised-test");
    p.put("trunkline.kafka.session-timeout", "6s");
    p.put("trunkline.secrets.encryption-key", TrunkFeed.TEST_KEY);
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withConverter(Duration.class, 200, new DurationConverter())
            .withMapping(SipConfig.class)
            .withMapping(AdvertisedSipConfig.class)
            .withMapping(RegistrationConfig.class)
            .withMapping(TopicsConfig.class)
            .withMapping(ConsumerGroupConfig.class)
            .withMapping(SecretsConfig.class)
            .withSources(new PropertiesConfigSource(p, "test", 500))
            .build();
    RegistrationCore core =
        new RegistrationCore(
            RegistrationCore.Settings.of(
                    config.getConfigMapping(SipConfig.class),
                    config.getConfigMapping(RegistrationConfig.class),
                    config.getConfigMapping(TopicsConfig.class),
                    config.getConfigMapping(ConsumerGroupConfig.class),
                    config.getConfigMapping(SecretsConfig.class),
                    broker.bootstrapServers(),
                    "advertised")
                .withAdvertised(config.getConfigMapping(AdvertisedSipConfig.class).byTransport()),
            new SimpleMeterRegistry());
    core.start();
    return core;
  }
}
