package io.trunkline.platform.kafka.config;

import io.trunkline.platform.kafka.KafkaClientSecurity;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/** The service's {@link KafkaClientSecurity}, read once from its configuration. */
@Singleton
public class KafkaSecurityBeans {

  private static final Logger LOG = Logger.getLogger(KafkaSecurityBeans.class);

  @Produces
  @Singleton
  KafkaClientSecurity kafkaClientSecurity(Config config) {
    KafkaClientSecurity security =
        KafkaClientSecurity.from(
            name -> config.getOptionalValue(KafkaClientSecurity.PREFIX + name, String.class));
    LOG.infof("Kafka clients: %s", security.describe());
    return security;
  }
}
