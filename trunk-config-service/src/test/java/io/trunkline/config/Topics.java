package io.trunkline.config;

import io.trunkline.testsupport.KafkaBrokerResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/** Reads a topic of the real test broker from the beginning, with a plain Kafka consumer. */
public final class Topics {

  private Topics() {}

  /** Every record currently in the topic (from the beginning to the end offsets). */
  public static List<ConsumerRecord<String, String>> readAll(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.broker().bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts =
          c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(10));
      long deadline = System.currentTimeMillis() + 20_000;
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))
          && System.currentTimeMillis() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /** The records whose key matches. */
  public static List<ConsumerRecord<String, String>> forKey(String topic, String key) {
    return readAll(topic).stream().filter(keyIs(key)).toList();
  }

  /** Waits (30 s at most) until the key has at least {@code count} records; returns them all. */
  public static List<ConsumerRecord<String, String>> awaitForKey(
      String topic, String key, int count) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> forKey(topic, key).size() >= count);
    return forKey(topic, key);
  }

  private static Predicate<ConsumerRecord<String, String>> keyIs(String key) {
    return r -> key.equals(r.key());
  }
}
