package io.trunkline.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.testsupport.KafkaBroker;
import io.trunkline.testsupport.ScramTlsListener;
import io.trunkline.testsupport.TestCa;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients built with {@link KafkaClientSecurity} against a real KRaft broker whose SASL_SSL
 * listener wants SCRAM-SHA-512 (certificate from a CA made at test time): the right credentials
 * produce and consume, a wrong password or an untrusted CA is refused.
 */
class KafkaScramTlsBrokerTest {

  static final String USER = "trunk-config";
  static final String PASSWORD = "scram-" + System.nanoTime();
  static TestCa ca;
  static KafkaBroker broker;

  @BeforeAll
  static void start() {
    ca = TestCa.create("Kafka test CA");
    TestCa.Issued cert = ca.issue("127.0.0.1", "localhost");
    broker =
        KafkaBroker.startFreshWithScramTls(
            new ScramTlsListener.Spec(cert.pkcs12(), TestCa.PASSWORD, USER, PASSWORD));
    broker.createTopics(1, Map.of("secured.v1", Map.of()));
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
    if (ca != null) {
      ca.close();
    }
  }

  static KafkaClientSecurity security(String password, String trustStore) {
    Map<String, String> s =
        Map.of(
            "protocol", "SASL_SSL",
            "sasl-mechanism", "SCRAM-SHA-512",
            "username", USER,
            "password", password,
            "truststore-location", trustStore);
    return KafkaClientSecurity.from(name -> Optional.ofNullable(s.get(name)));
  }

  static KafkaProducer<String, String> producer(KafkaClientSecurity security) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.scramTlsBootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return new KafkaProducer<>(security.applyTo(p));
  }

  @Test
  void theRightCredentialsProduceAndConsumeOverTls() throws Exception {
    KafkaClientSecurity good = security(PASSWORD, ca.caCertificate().toString());
    try (KafkaProducer<String, String> producer = producer(good)) {
      producer.send(new ProducerRecord<>("secured.v1", "k", "hello")).get(30, TimeUnit.SECONDS);
    }
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.scramTlsBootstrapServers());
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(good.applyTo(c))) {
      TopicPartition tp = new TopicPartition("secured.v1", 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      List<String> values = new java.util.ArrayList<>();
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                  values.add(r.value());
                }
                return values.contains("hello");
              });
    }
  }

  @Test
  void aWrongPasswordIsRefused() {
    try (KafkaProducer<String, String> producer =
        producer(security(PASSWORD + "-wrong", ca.caCertificate().toString()))) {
      assertThatThrownBy(
              () ->
                  producer
                      .send(new ProducerRecord<>("secured.v1", "k", "nope"))
                      .get(30, TimeUnit.SECONDS))
          .hasStackTraceContaining("Authentication failed");
    }
  }

  @Test
  void aBrokerCertificateFromAnotherCaIsRefused() {
    try (TestCa other = TestCa.create("Other CA");
        KafkaProducer<String, String> producer =
            producer(security(PASSWORD, other.caCertificate().toString()))) {
      assertThatThrownBy(
              () ->
                  producer
                      .send(new ProducerRecord<>("secured.v1", "k", "nope"))
                      .get(30, TimeUnit.SECONDS))
          .satisfies(e -> assertThat(e).hasStackTraceContaining("SSL"));
    }
  }
}
