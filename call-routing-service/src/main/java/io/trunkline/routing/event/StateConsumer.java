package io.trunkline.routing.event;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.platform.kafka.KafkaClientSecurity;
import io.trunkline.routing.config.RoutingConfig;
import io.trunkline.routing.service.StateStore;
import io.trunkline.routing.service.inbound.InboundRuleStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads every partition of the four compacted state topics from the beginning, without a consumer
 * group (each replica holds the whole state), into the {@link StateStore}. The store is marked
 * loaded once the end offsets seen at start-up are reached; later records apply live.
 */
@ApplicationScoped
public class StateConsumer {

  private static final Logger LOG = Logger.getLogger(StateConsumer.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final StateStore store;
  private final InboundRuleStore inboundRules;
  private final RoutingConfig config;
  private final String bootstrap;
  private final KafkaClientSecurity security;
  private final MeterRegistry meters;
  private volatile boolean running = true;
  private volatile KafkaConsumer<String, String> consumer;
  private Thread thread;

  public StateConsumer(
      StateStore store,
      InboundRuleStore inboundRules,
      RoutingConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
      KafkaClientSecurity security,
      MeterRegistry meters) {
    this.security = security;
    this.store = store;
    this.inboundRules = inboundRules;
    this.meters = meters;
    this.config = config;
    this.bootstrap = bootstrap;
  }

  void onStart(@Observes StartupEvent ev) {
    thread = new Thread(this::run, "routing-state-consumer");
    thread.setDaemon(true);
    thread.start();
  }

  void onStop(@Observes ShutdownEvent ev) throws InterruptedException {
    running = false;
    KafkaConsumer<String, String> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (thread != null) {
      thread.join(5000);
    }
  }

  private void run() {
    while (running) {
      try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props());
          // Kafka client metrics (records lag among them) for the consumer-lag alert
          KafkaClientMetrics clientMetrics = new KafkaClientMetrics(c)) {
        clientMetrics.bindTo(meters);
        consumer = c;
        consume(c);
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warnf("state consumer failed (%s), restarting from the beginning", e.toString());
        sleep(1000);
      }
    }
  }

  private void consume(KafkaConsumer<String, String> c) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics()) {
      List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
      while (running && (infos == null || infos.isEmpty())) {
        LOG.infof("waiting for topic %s", topic);
        sleep(1000);
        infos = c.partitionsFor(topic, Duration.ofSeconds(10));
      }
      infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
    }
    c.assign(partitions);
    c.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(partitions));
    while (running) {
      ConsumerRecords<String, String> records = c.poll(POLL);
      for (ConsumerRecord<String, String> r : records) {
        apply(r);
      }
      if (!records.isEmpty()) {
        LOG.debugf("applied %d state records", records.count());
      }
      if (store.isLoaded()) {
        store.publish();
        inboundRules.publish();
      } else {
        end.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
        if (end.isEmpty()) {
          // One index build for the whole replay: rebuilding it after every poll of a large
          // rule table (5,000 records a poll) cost most of the start-up. Nothing routes before
          // the state is loaded (readiness is down), so no earlier snapshot is needed.
          store.publish();
          inboundRules.publish();
          store.markLoaded();
          LOG.infof("routing state loaded (%d rules)", store.snapshot().rules().size());
        }
      }
    }
  }

  private void apply(ConsumerRecord<String, String> r) {
    if (r.key() == null) {
      return;
    }
    RoutingConfig.Topics t = config.topics();
    if (r.topic().equals(t.trunkConfig())) {
      store.applyTrunk(r.key(), r.value());
    } else if (r.topic().equals(t.routingRules())) {
      store.applyRule(r.key(), r.value());
    } else if (r.topic().equals(t.trunkStatus())) {
      store.applyStatus(r.key(), r.value());
    } else if (r.topic().equals(t.inboundRules())) {
      inboundRules.apply(r.key(), r.value());
    }
  }

  private List<String> topics() {
    RoutingConfig.Topics t = config.topics();
    return List.of(t.trunkConfig(), t.routingRules(), t.trunkStatus(), t.inboundRules());
  }

  private Properties props() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    security.applyTo(p);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "call-routing-state");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    return p;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
