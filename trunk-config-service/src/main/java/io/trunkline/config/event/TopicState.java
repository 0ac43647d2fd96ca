package io.trunkline.config.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.platform.kafka.KafkaClientSecurity;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a consumer that reads a compacted topic from the beginning ends up holding: the version of
 * the last record of every key, keys whose last record is a tombstone left out. Reads every
 * partition up to the end offsets seen when it starts, with a throw-away consumer (no group).
 */
@ApplicationScoped
public class TopicState {

  private final String bootstrapServers;
  private final KafkaClientSecurity security;
  private final ObjectMapper json;

  public TopicState(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      KafkaClientSecurity security,
      ObjectMapper json) {
    this.bootstrapServers = bootstrapServers;
    this.security = security;
    this.json = json;
  }

  /** key -> version of its last record, for the keys whose last record is not a tombstone. */
  public Map<String, Long> liveVersions(String topic, Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Long> live = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings())) {
      List<TopicPartition> parts =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("reading " + topic + " took longer than " + timeout);
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
            continue; // written after the start: the next check sees it
          }
          if (r.value() == null) {
            live.remove(r.key());
          } else {
            live.put(r.key(), version(r.value()));
          }
        }
      }
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new TimeoutException("Kafka did not answer: " + e.getMessage());
    }
    return live;
  }

  private long version(String value) {
    try {
      JsonNode v = json.readTree(value).get("version");
      return v == null ? -1 : v.asLong();
    } catch (IOException e) {
      return -1; // unreadable: counts as a version nobody has
    }
  }

  private Properties settings() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "trunk-config-reconciliation");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return security.applyTo(p);
  }
}
