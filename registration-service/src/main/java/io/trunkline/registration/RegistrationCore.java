package io.trunkline.registration;

import io.micrometer.core.instrument.MeterRegistry;
import io.trunkline.platform.crypto.SecretKeyring;
import io.trunkline.platform.dns.DnsSettings;
import io.trunkline.platform.dns.SipResolver;
import io.trunkline.platform.kafka.KafkaClientSecurity;
import io.trunkline.platform.sip.AdvertisedAddress;
import io.trunkline.registration.config.ConsumerGroupConfig;
import io.trunkline.registration.config.RegistrationConfig;
import io.trunkline.registration.config.SecretsConfig;
import io.trunkline.registration.config.SipConfig;
import io.trunkline.registration.config.TopicsConfig;
import io.trunkline.registration.domain.Backoff;
import io.trunkline.registration.domain.RegistrationContext;
import io.trunkline.registration.domain.RegistrationSupervisor;
import io.trunkline.registration.event.StatusPublisher;
import io.trunkline.registration.event.TrunkConfigConsumer;
import io.trunkline.registration.service.Engine;
import io.trunkline.registration.service.EngineScheduler;
import io.trunkline.registration.service.Pacer;
import io.trunkline.registration.service.RegistrationMetrics;
import io.trunkline.registration.service.StatusService;
import io.trunkline.registration.sip.InboundRequestHandler;
import io.trunkline.registration.sip.JainSipLinks;
import io.trunkline.registration.sip.JainSipStack;
import io.trunkline.registration.sip.SessionsByCallId;
import io.trunkline.registration.sip.SipEdge;
import io.trunkline.registration.sip.SipEventRouter;
import io.trunkline.registration.sip.SipRequestFactory;
import io.trunkline.registration.sip.TrunkNames;
import java.util.Map;

/**
 * One complete registration node: SIP stack, engine, consumer, status publisher. Plain Java so that
 * the CDI lifecycle bean builds exactly one, and a test can run a second node (its own stack and
 * consumer) in the same JVM to exercise the consumer group.
 */
public final class RegistrationCore implements AutoCloseable {

  private final JainSipStack sip;
  private final Engine engine;
  private final StatusPublisher publisher;
  private final StatusService status;
  private final RegistrationSupervisor trunks;
  private final TrunkConfigConsumer consumer;
  private final SipEventRouter dispatcher;
  private final SipEdge edge;
  private final TrunkNames names;

  public RegistrationCore(
      SipConfig sipConfig,
      RegistrationConfig registration,
      TopicsConfig topics,
      ConsumerGroupConfig group,
      SecretsConfig secrets,
      String bootstrapServers,
      String clientId,
      MeterRegistry meters) {
    this(
        sipConfig,
        registration,
        topics,
        group,
        secrets,
        bootstrapServers,
        KafkaClientSecurity.plaintext(),
        clientId,
        meters);
  }

  /** A core whose Kafka clients use {@code kafkaSecurity} (TLS, SASL/SCRAM). */
  public RegistrationCore(
      SipConfig sipConfig,
      RegistrationConfig registration,
      TopicsConfig topics,
      ConsumerGroupConfig group,
      SecretsConfig secrets,
      String bootstrapServers,
      KafkaClientSecurity kafkaSecurity,
      String clientId,
      MeterRegistry meters) {
    this(
        sipConfig,
        Map.of(),
        registration,
        topics,
        group,
        secrets,
        bootstrapServers,
        kafkaSecurity,
        clientId,
        meters,
        DnsSettings.defaults());
  }

  /** A core that resolves trunks named by a domain with these DNS settings. */
  public RegistrationCore(
      SipConfig sipConfig,
      RegistrationConfig registration,
      TopicsConfig topics,
      ConsumerGroupConfig group,
      SecretsConfig secrets,
      String bootstrapServers,
      KafkaClientSecurity kafkaSecurity,
      String clientId,
      MeterRegistry meters,
      DnsSettings dns) {
    this(
        sipConfig,
        Map.of(),
        registration,
        topics,
        group,
        secrets,
        bootstrapServers,
        kafkaSecurity,
        clientId,
        meters,
        dns);
  }

  /**
   * A core whose Vias carry {@code advertised} (by lower-case transport) instead of the bound
   * address.
   */
  public RegistrationCore(
      SipConfig sipConfig,
      Map<String, AdvertisedAddress> advertised,
      RegistrationConfig registration,
      TopicsConfig topics,
      ConsumerGroupConfig group,
      SecretsConfig secrets,
      String bootstrapServers,
      KafkaClientSecurity kafkaSecurity,
      String clientId,
      MeterRegistry meters) {
    this(
        sipConfig,
        advertised,
        registration,
        topics,
        group,
        secrets,
        bootstrapServers,
        kafkaSecurity,
        clientId,
        meters,
        DnsSettings.defaults());
  }

  /** A core with advertised addresses and DNS settings, without TLS. */
  public RegistrationCore(
      SipConfig sipConfig,
      Map<String, AdvertisedAddress> advertised,
      RegistrationConfig registration,
      TopicsConfig topics,
      ConsumerGroupConfig group,
      SecretsConfig secrets,
      String bootstrapServers,
      KafkaClientSecurity kafkaSecurity,
      String clientId,
      MeterRegistry meters,
      DnsSettings dns) {
    this(
        sipConfig,
        advertised,
        null,
        registration,
        topics,
        group,
        secrets,
        bootstrapServers,
        kafkaSecurity,
        clientId,
        meters,
        dns);
  }

  /**
   * The full core: advertised addresses, TLS ({@code tls} null: trunks with {@code transport: TLS}
   * fail) and DNS settings.
   */
  public RegistrationCore(
      SipConfig sipConfig,
      Map<String, AdvertisedAddress> advertised,
      JainSipStack.Tls tls,
      RegistrationConfig registration,
      TopicsConfig topics,
      ConsumerGroupConfig group,
      SecretsConfig secrets,
      String bootstrapServers,
      KafkaClientSecurity kafkaSecurity,
      String clientId,
      MeterRegistry meters,
      DnsSettings dns) {
    SecretKeyring cipher = SecretKeyring.create(secrets.settings());
    this.sip = new JainSipStack(sipConfig, advertised, tls);
    this.engine = new Engine(clientId + "-engine");
    this.publisher =
        new StatusPublisher(bootstrapServers, kafkaSecurity, topics.trunkStatus(), clientId);
    RegistrationMetrics metrics = new RegistrationMetrics(meters);
    this.status = new StatusService(publisher, metrics);
    SessionsByCallId registers = new SessionsByCallId(engine);
    SessionsByCallId options = new SessionsByCallId(engine);
    this.names = new TrunkNames(new SipResolver(dns), engine);
    RegistrationContext ctx =
        new RegistrationContext(
            new JainSipLinks(
                sip,
                new SipRequestFactory(
                    sip,
                    registration.contactUri(),
                    registration.tlsContactUri().orElse(registration.contactUri()),
                    cipher::contactToken),
                registers,
                options,
                sipConfig.optionsFromUser(),
                names),
            new EngineScheduler(engine, new Pacer(engine, registration.maxRegisterRate())),
            new Backoff(
                registration.backoffMin(),
                registration.backoffMax(),
                registration.badCredentialsRetry()),
            status);
    this.trunks = new RegistrationSupervisor(ctx, cipher, registration.initialSpread());
    this.dispatcher = new SipEventRouter(registers, options, new InboundRequestHandler(sip));
    this.edge = new SipEdge(sipConfig, metrics);
    this.consumer =
        new TrunkConfigConsumer(
            bootstrapServers,
            kafkaSecurity,
            topics.trunkConfig(),
            group.consumerGroup(),
            group.sessionTimeout(),
            clientId,
            trunks);
    // Kafka client metrics (records lag among them) for the consumer-lag alert and dashboard.
    consumer.bindMetrics(meters);
  }

  /** Opens the SIP ports, then joins the consumer group. */
  public void start() {
    sip.start(edge, dispatcher);
    consumer.start();
  }

  public StatusService status() {
    return status;
  }

  public RegistrationSupervisor trunks() {
    return trunks;
  }

  /** Partitions of trunk.config.v1 this node owns and has loaded. */
  public java.util.Set<Integer> ownedPartitions() {
    return consumer.ownedPartitions();
  }

  /** Ready once the assigned partitions are loaded. */
  public boolean ready() {
    return consumer.loaded();
  }

  /** Leaves the group and stops all SIP activity without unregistering. */
  @Override
  public void close() {
    consumer.close();
    trunks.stopAll();
    engine.close();
    names.close();
    sip.close();
    publisher.close();
  }
}
