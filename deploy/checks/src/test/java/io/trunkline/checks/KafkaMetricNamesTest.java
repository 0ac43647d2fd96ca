package io.trunkline.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trunkline.testsupport.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The Kafka client metrics the dashboards and alert rules use are the names Micrometer's
 * KafkaClientMetrics (what Quarkus binds to its Kafka clients) exports to Prometheus: a real
 * consumer reads from a real broker and the registry's scrape must contain each name.
 */
class KafkaMetricNamesTest {

  @Test
  void everyKafkaMetricOfTheDashboardsAndRulesIsExportedByMicrometer() throws Exception {
    Set<String> used = new TreeSet<>();
    Monitoring.ruleList().forEach(r -> used.addAll(PromQl.metrics(String.valueOf(r.get("expr")))));
    for (Path file : Monitoring.dashboardFiles()) {
      Monitoring.panelQueries(file)
          .values()
          .forEach(l -> l.forEach(e -> used.addAll(PromQl.metrics(e))));
    }
    used.removeIf(n -> !n.startsWith("kafka_"));
    assertThat(used).as("the dashboards show consumer lag").isNotEmpty();

    try (KafkaBroker broker = KafkaBroker.startFresh()) {
      broker.createTopics(1, Map.of("trunk.config.v1", Map.of("cleanup.policy", "compact")));
      Properties p = new Properties();
      p.put("bootstrap.servers", broker.bootstrapServers());
      try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
        for (int i = 0; i < 5; i++) {
          producer.send(new ProducerRecord<>("trunk.config.v1", "k" + i, "{}")).get();
        }
      }
      Properties c = new Properties();
      c.put("bootstrap.servers", broker.bootstrapServers());
      c.put(ConsumerConfig.GROUP_ID_CONFIG, "metric-names");
      c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2);
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      try (var consumer =
              new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
          var metrics = new KafkaClientMetrics(consumer)) {
        consumer.subscribe(List.of("trunk.config.v1"));
        int read = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (read < 5 && System.nanoTime() < deadline) {
          read += consumer.poll(Duration.ofMillis(200)).count();
        }
        assertThat(read).isEqualTo(5);
        metrics.bindTo(registry); // after the first fetches: the fetch-manager metrics exist now
        String scrape = registry.scrape();
        for (String name : used) {
          assertThat(scrape).as(name).containsPattern("(?m)^" + name + "\\{");
        }
      }
    }
  }
}
