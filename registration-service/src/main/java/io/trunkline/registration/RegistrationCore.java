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
  private final JainSipLinks links;
  private final RegistrationMetrics metrics;

  /**
   * What one node is built from: its services' settings, where and how its Kafka clients connect
   * (as {@code clientId}), the addresses its Vias advertise (by lower-case transport; empty: the
   * bound ones), its TLS listening and sending ({@code tls} null: trunks with {@code transport:
   * TLS} fail) and how trunks named by a domain are resolved.
   */
  public record Settings(
      SipConfig sip,
      Map<String, AdvertisedAddress> advertised,
      JainSipStack.Tls tls,
      RegistrationConfig registration,
      TopicsConfig topics,
      ConsumerGroupConfig group,
      SecretsConfig secrets,
      String bootstrapServers,
      KafkaClientSecurity kafkaSecurity,
      String clientId,
      DnsSettings dns) {

    /** Plaintext Kafka, the bound addresses advertised, the resolver's default settings. */
    public static Settings of(
        SipConfig sip,
        RegistrationConfig registration,
        TopicsConfig topics,
        ConsumerGroupConfig group,
        SecretsConfig secrets,
        String bootstrapServers,
        String clientId) {
      return new Settings(
          sip,
          Map.of(),
          null,
          registration,
          topics,
          group,
          secrets,
          bootstrapServers,
          KafkaClientSecurity.plaintext(),
          clientId,
          DnsSettings.defaults());
    }

    /** These settings with Vias carrying {@code addresses} instead of the bound address. */
    public Settings withAdvertised(Map<String, AdvertisedAddress> addresses) {
      return copy(addresses, tls, kafkaSecurity, dns);
    }

    /** These settings with TLS listening and sending as {@code tls} describes. */
    public Settings withTls(JainSipStack.Tls tls) {
      return copy(advertised, tls, kafkaSecurity, dns);
    }

    /** These settings with Kafka clients connecting as {@code security} says. */
    public Settings withKafkaSecurity(KafkaClientSecurity security) {
      return copy(advertised, tls, security, dns);
    }

    /** These settings with trunks named by a domain resolved as {@code resolver} says. */
    public Settings withDns(DnsSettings resolver) {
      return copy(advertised, tls, kafkaSecurity, resolver);
    }

    private Settings copy(
        Map<String, AdvertisedAddress> addresses,
        JainSipStack.Tls tlsLane,
        KafkaClientSecurity security,
        DnsSettings resolver) {
      return new Settings(
          sip,
          addresses,
          tlsLane,
          registration,
          topics,
          group,
          secrets,
          bootstrapServers,
          security,
          clientId,
          resolver);
    }
  }

  /** Builds every part of the node; nothing listens or connects until {@link #start()}. */
  public RegistrationCore(Settings settings, MeterRegistry meters) {
    SipConfig sipConfig = settings.sip();
    RegistrationConfig registration = settings.registration();
    TopicsConfig topics = settings.topics();
    String bootstrapServers = settings.bootstrapServers();
    KafkaClientSecurity kafkaSecurity = settings.kafkaSecurity();
    String clientId = settings.clientId();
    SecretKeyring cipher = SecretKeyring.create(settings.secrets().settings());
    this.sip = new JainSipStack(sipConfig, settings.advertised(), settings.tls());
    this.engine = new Engine(clientId + "-engine");
    this.publisher =
        new StatusPublisher(bootstrapServers, kafkaSecurity, topics.trunkStatus(), clientId);
    metrics = new RegistrationMetrics(meters);
    this.status = new StatusService(publisher, metrics);
    SessionsByCallId registers = new SessionsByCallId(engine);
    SessionsByCallId options = new SessionsByCallId(engine);
    this.names = new TrunkNames(new SipResolver(settings.dns()), engine);
    this.links =
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
            names,
            engine,
            clientId + "-tls-send");
    RegistrationContext ctx =
        new RegistrationContext(
            links,
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
            settings.group().consumerGroup(),
            settings.group().sessionTimeout(),
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
    links.close();
    sip.close();
    publisher.close();
    metrics.close();
  }
}
