package io.trunkline.registration.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.platform.dns.config.DnsConfig;
import io.trunkline.platform.kafka.KafkaClientSecurity;
import io.trunkline.platform.sip.config.AdvertisedSipConfig;
import io.trunkline.platform.tls.SipTls;
import io.trunkline.platform.tls.config.SipTlsConfig;
import io.trunkline.registration.RegistrationCore;
import io.trunkline.registration.domain.RegistrationSupervisor;
import io.trunkline.registration.service.StatusService;
import io.trunkline.registration.sip.JainSipStack;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the one {@link RegistrationCore} of the application and ties it to its lifecycle. */
@ApplicationScoped
public class CoreLifecycle {

  private final RegistrationCore core;

  public CoreLifecycle(
      SipConfig sip,
      AdvertisedSipConfig advertised,
      SipTlsConfig tls,
      RegistrationConfig registration,
      TopicsConfig topics,
      ConsumerGroupConfig group,
      SecretsConfig secrets,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      KafkaClientSecurity kafkaSecurity,
      @ConfigProperty(name = "quarkus.application.name") String clientId,
      MeterRegistry meters,
      DnsConfig dns) {
    this.core =
        new RegistrationCore(
            RegistrationCore.Settings.of(
                    sip, registration, topics, group, secrets, bootstrapServers, clientId)
                .withAdvertised(advertised.byTransport())
                .withTls(
                    tls.listen()
                        ? new JainSipStack.Tls(tls.port(), SipTls.create(tls.settings()))
                        : null)
                .withKafkaSecurity(kafkaSecurity)
                .withDns(dns.settings()),
            meters);
  }

  void onStart(@Observes StartupEvent event) {
    core.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    core.close();
  }

  /** Whether the assigned partitions are loaded (readiness). */
  public boolean ready() {
    return core.ready();
  }

  @Produces
  @Singleton
  StatusService statusService() {
    return core.status();
  }

  @Produces
  @Singleton
  RegistrationSupervisor trunkService() {
    return core.trunks();
  }
}
