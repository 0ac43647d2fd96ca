package io.trunkline.registration;

import io.micrometer.core.instrument.MeterRegistry;
import io.trunkline.platform.crypto.SecretCipher;
import io.trunkline.platform.crypto.SecretKeyring;
import io.trunkline.platform.kafka.KafkaClientSecurity;
import io.trunkline.registration.config.ConsumerGroupConfig;
import io.trunkline.registration.config.RegistrationConfig;
import io.trunkline.registration.config.SecretsConfig;
import io.trunkline.registration.config.SipConfig;
import io.trunkline.registration.config.TopicsConfig;
import io.trunkline.registration.event.StatusPublisher;
import io.trunkline.registration.event.TrunkConfigConsumer;
import io.trunkline.registration.service.Backoff;
import io.trunkline.registration.service.Engine;
import io.trunkline.registration.service.Pacer;
import io.trunkline.registration.service.RegistrationMetrics;
import io.trunkline.registration.service.StatusService;
import io.trunkline.registration.service.TrunkService;
import io.trunkline.registration.sip.InboundRequestHandler;
import io.trunkline.registration.sip.RegistrationContext;
import io.trunkline.registration.sip.SessionResponseHandler;
import io.trunkline.registration.sip.SipDispatcher;
import io.trunkline.registration.sip.SipEdge;
import io.trunkline.registration.sip.SipRequestFactory;
import io.trunkline.registration.sip.SipStackManager;

/**
 * One complete registration node: SIP stack, engine, consumer, status publisher. Plain Java so that
 * the CDI lifecycle bean builds exactly one, and a test can run a second node (its own stack and
 * consumer) in the same JVM to exercise the consumer group.
 */
public final class RegistrationCore implements AutoCloseable {

  private final SipStackManager sip;
  private final Engine engine;
  private final StatusPublisher publisher;
  private final StatusService status;
  private final TrunkService trunks;
  private final TrunkConfigConsumer consumer;
  private final SipDispatcher dispatcher;
  private final SipEdge edge;

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
    SecretCipher cipher = SecretKeyring.create(secrets.settings());
    this.sip = new SipStackManager(sipConfig);
    this.engine = new Engine(clientId + "-engine");
    this.publisher =
        new StatusPublisher(bootstrapServers, kafkaSecurity, topics.trunkStatus(), clientId);
    RegistrationMetrics metrics = new RegistrationMetrics(meters);
    this.status = new StatusService(publisher, metrics);
    SessionResponseHandler registers = new SessionResponseHandler(engine);
    SessionResponseHandler options = new SessionResponseHandler(engine);
    RegistrationContext ctx =
        new RegistrationContext(
            sip,
            new SipRequestFactory(sip, registration.contactUri()),
            registers,
            options,
            engine,
            new Pacer(engine, registration.maxRegisterRate()),
            new Backoff(
                registration.backoffMin(),
                registration.backoffMax(),
                registration.badCredentialsRetry()),
            status,
            sipConfig.optionsFromUser());
    this.trunks = new TrunkService(ctx, cipher, status, registration.initialSpread());
    this.dispatcher = new SipDispatcher(registers, options, new InboundRequestHandler(sip));
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

  public TrunkService trunks() {
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
    sip.close();
    publisher.close();
  }
}
