package io.trunkline.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic of the local cluster from the beginning to its current end. */
final class Topics {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Topics() {}

  /** Every value of one key, oldest first (null for a tombstone). */
  static List<Map<String, Object>> valuesOf(String topic, String key) {
    List<Map<String, Object>> values = new ArrayList<>();
    for (ConsumerRecord<String, String> r : readAll(topic)) {
      if (key.equals(r.key())) {
        values.add(parse(r.value()));
      }
    }
    return values;
  }

  /** Every non-null value whose field equals the given value, oldest first. */
  static List<Map<String, Object>> valuesWhere(String topic, String field, Object value) {
    List<Map<String, Object>> values = new ArrayList<>();
    for (ConsumerRecord<String, String> r : readAll(topic)) {
      Map<String, Object> v = parse(r.value());
      if (v != null && value.equals(v.get(field))) {
        values.add(v);
      }
    }
    return values;
  }

  static List<ConsumerRecord<String, String>> readAll(String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalCluster.KAFKA);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    records.sort(
        (a, b) ->
            a.timestamp() != b.timestamp()
                ? Long.compare(a.timestamp(), b.timestamp())
                : Long.compare(a.offset(), b.offset()));
    return records;
  }

  private static Map<String, Object> parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (Exception e) {
      throw new IllegalStateException("not JSON: " + json, e);
    }
  }
}
