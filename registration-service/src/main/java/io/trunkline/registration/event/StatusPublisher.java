package io.trunkline.registration.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.platform.kafka.KafkaClientSecurity;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/** Publishes {@code trunk.status.v1} values (key = trunk id), idempotent and acks=all. */
public class StatusPublisher implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(StatusPublisher.class);

  private final KafkaProducer<String, String> producer;
  private final String topic;
  private final ObjectMapper json = Json.mapper();

  public StatusPublisher(
      String bootstrapServers, KafkaClientSecurity security, String topic, String clientId) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    this.producer = new KafkaProducer<>(security.applyTo(props));
    this.topic = topic;
  }

  /** Sends one status value; never blocks the caller on the broker. */
  public void publish(TrunkStatusEvent status) {
    try {
      send(status.trunkId(), json.writeValueAsString(status));
    } catch (JsonProcessingException e) {
      LOG.errorf("cannot serialise the status of trunk %s", status.trunkId());
    }
  }

  /** Sends the tombstone of a deleted trunk. */
  public void tombstone(String trunkId) {
    send(trunkId, null);
  }

  private void send(String key, String value) {
    producer.send(
        new ProducerRecord<>(topic, key, value),
        (meta, error) -> {
          if (error != null) {
            LOG.warnf("status of trunk %s not published: %s", key, error.getMessage());
          }
        });
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
