package io.trunkline.registration.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.trunkline.platform.kafka.KafkaClientSecurity;
import io.trunkline.registration.domain.TrunkConfig;
import io.trunkline.registration.domain.TrunkConfigListener;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads {@code trunk.config.v1} in the shared consumer group on a thread of its own. Each newly
 * assigned partition is read from its beginning up to the end offset seen at assignment and handed
 * over as one snapshot; later records are applied live. Offsets are never committed: the state is
 * always rebuilt from the compacted topic.
 */
public final class TrunkConfigConsumer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(TrunkConfigConsumer.class);

  private final KafkaConsumer<String, String> consumer;
  private final String topic;
  private final TrunkConfigListener listener;
  private final ObjectMapper json = Json.mapper();
  private final Map<Integer, Long> loadTargets = new ConcurrentHashMap<>();
  private final Map<Integer, Map<String, TrunkConfig>> loading = new HashMap<>();
  private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean assignedOnce;
  private volatile boolean running = true;

  public TrunkConfigConsumer(
      String bootstrapServers,
      KafkaClientSecurity security,
      String topic,
      String group,
      Duration sessionTimeout,
      String clientId,
      TrunkConfigListener listener) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    security.applyTo(p);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) sessionTimeout.toMillis() / 4);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Cooperative: a rebalance only moves the partitions that change owner.
    p.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    this.consumer = new KafkaConsumer<>(p);
    this.topic = topic;
    this.listener = listener;
    this.thread = new Thread(this::run, clientId + "-consumer");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Publishes the consumer's Kafka client metrics (lag, fetch rates) to the registry. */
  public void bindMetrics(MeterRegistry registry) {
    new KafkaClientMetrics(consumer).bindTo(registry);
  }

  /** True once the group assigned partitions to us and all of them have been read. */
  public boolean loaded() {
    return assignedOnce && loadTargets.isEmpty();
  }

  /** Partitions assigned to this replica and fully loaded. */
  public Set<Integer> ownedPartitions() {
    return Set.copyOf(owned);
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic), new Rebalance());
      while (running) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          handle(r);
        }
        completeLoads();
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("trunk.config.v1 consumer stopped", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void handle(ConsumerRecord<String, String> r) {
    if (r.key() == null) {
      return;
    }
    TrunkConfig trunk = null;
    if (r.value() != null) {
      try {
        trunk = json.readValue(r.value(), TrunkConfig.class);
      } catch (Exception e) {
        // Never log the value: it carries the encrypted password.
        LOG.warnf(
            "skipping unreadable trunk.config.v1 record key=%s offset=%d", r.key(), r.offset());
        return;
      }
      if (trunk.id() == null || !trunk.id().equals(r.key())) {
        LOG.warnf("skipping trunk.config.v1 record whose id does not match key %s", r.key());
        return;
      }
    }
    Map<String, TrunkConfig> snapshot = loading.get(r.partition());
    if (snapshot != null) {
      TrunkConfig held = snapshot.get(r.key());
      if (trunk == null) {
        snapshot.remove(r.key());
      } else if (!trunk.isOlderThan(held)) {
        snapshot.put(r.key(), trunk);
      }
    } else if (trunk == null) {
      listener.delete(r.partition(), r.key());
    } else {
      listener.upsert(r.partition(), trunk);
    }
  }

  private void completeLoads() {
    for (var it = loadTargets.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      TopicPartition tp = new TopicPartition(topic, e.getKey());
      if (consumer.position(tp) >= e.getValue()) {
        Map<String, TrunkConfig> snapshot = loading.remove(e.getKey());
        listener.partitionLoaded(e.getKey(), snapshot == null ? List.of() : snapshot.values());
        it.remove();
        owned.add(e.getKey());
        LOG.infof("partition %d of %s loaded", e.getKey(), topic);
      }
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition tp : partitions) {
          loading.put(tp.partition(), new LinkedHashMap<>());
          loadTargets.put(tp.partition(), ends.getOrDefault(tp, 0L));
        }
        LOG.infof("assigned %s", partitions);
      }
      assignedOnce = true;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      drop(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      drop(partitions);
    }

    private void drop(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      List<Integer> ids = partitions.stream().map(TopicPartition::partition).toList();
      ids.forEach(
          p -> {
            loading.remove(p);
            loadTargets.remove(p);
            owned.remove(p);
          });
      listener.revoked(ids);
      LOG.infof("revoked %s", partitions);
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
