package io.trunkline.registration.support;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.trunkline.platform.sip.config.AdvertisedSipConfig;
import io.trunkline.platform.tls.SipTls;
import io.trunkline.platform.tls.config.SipTlsConfig;
import io.trunkline.registration.RegistrationCore;
import io.trunkline.registration.config.ConsumerGroupConfig;
import io.trunkline.registration.config.RegistrationConfig;
import io.trunkline.registration.config.SecretsConfig;
import io.trunkline.registration.config.SipConfig;
import io.trunkline.registration.config.TopicsConfig;
import io.trunkline.registration.sip.JainSipStack;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A second (or third) registration node in the test's JVM, built from the same configuration keys
 * the service reads, so a test names only the keys it is about. The defaults: bound to 127.0.0.1 on
 * a free port, short SIP timers, a short initial spread, the test key for passwords.
 */
public final class TestNode {

  private final String name;
  private final String bootstrapServers;
  private final Map<String, String> keys = new HashMap<>();
  private boolean tls;

  private TestNode(String name, String bootstrapServers) throws Exception {
    this.name = name;
    this.bootstrapServers = bootstrapServers;
    keys.put("trunkline.sip.host", "127.0.0.1");
    keys.put("trunkline.sip.port", Integer.toString(TestRegistrar.freeSipPort()));
    keys.put("trunkline.sip.stack-name", name);
    keys.put("trunkline.sip.t1", "100ms");
    keys.put("trunkline.registration.contact-uri", "sip:127.0.0.1:5060");
    keys.put("trunkline.registration.initial-spread", "200ms");
    keys.put("trunkline.topics.trunk-config", "trunk.config.v1");
    keys.put("trunkline.topics.trunk-status", "trunk.status.v1");
    keys.put("trunkline.kafka.consumer-group", name);
    keys.put("trunkline.kafka.session-timeout", "6s");
    keys.put("trunkline.secrets.encryption-key", TrunkFeed.TEST_KEY);
  }

  /** A node named {@code name} (its stack name, Kafka client id and default consumer group). */
  public static TestNode named(String name, String bootstrapServers) throws Exception {
    return new TestNode(name, bootstrapServers);
  }

  /** Sets one configuration key (a full {@code trunkline.*} name). */
  public TestNode with(String key, String value) {
    keys.put(key, value);
    return this;
  }

  /** The {@code trunkline.secrets.*} keys instead of the test encryption key. */
  public TestNode secrets(Map<String, String> secrets) {
    keys.remove("trunkline.secrets.encryption-key");
    secrets.forEach((k, v) -> keys.put("trunkline.secrets." + k, v));
    return this;
  }

  /** Listens for SIP over TLS as the {@code trunkline.sip.tls.*} keys set with {@link #with}. */
  public TestNode tls() {
    this.tls = true;
    return this;
  }

  /** Builds and starts the node with its own meter registry. */
  public RegistrationCore start() {
    return start(new SimpleMeterRegistry());
  }

  /** Builds and starts the node, its meters in {@code meters}. */
  public RegistrationCore start(MeterRegistry meters) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withConverter(Duration.class, 200, new DurationConverter())
            .withMapping(SipConfig.class)
            .withMapping(SipTlsConfig.class)
            .withMapping(AdvertisedSipConfig.class)
            .withMapping(RegistrationConfig.class)
            .withMapping(TopicsConfig.class)
            .withMapping(ConsumerGroupConfig.class)
            .withMapping(SecretsConfig.class)
            .withSources(new PropertiesConfigSource(keys, "test", 500))
            .build();
    RegistrationCore.Settings settings =
        RegistrationCore.Settings.of(
                config.getConfigMapping(SipConfig.class),
                config.getConfigMapping(RegistrationConfig.class),
                config.getConfigMapping(TopicsConfig.class),
                config.getConfigMapping(ConsumerGroupConfig.class),
                config.getConfigMapping(SecretsConfig.class),
                bootstrapServers,
                name)
            .withAdvertised(config.getConfigMapping(AdvertisedSipConfig.class).byTransport());
    if (tls) {
      SipTlsConfig tlsConfig = config.getConfigMapping(SipTlsConfig.class);
      settings =
          settings.withTls(
              new JainSipStack.Tls(tlsConfig.port(), SipTls.create(tlsConfig.settings())));
    }
    RegistrationCore core = new RegistrationCore(settings, meters);
    core.start();
    return core;
  }
}
