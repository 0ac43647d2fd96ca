package io.trunkline.routing.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.routing.config.RoutingConfig;
import io.trunkline.routing.service.CallEvents;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes call events to call.events.v1, keyed by the PBX leg's Call-ID so one call's events stay
 * in order. Sends are asynchronous and batched: the SIP threads never wait for Kafka, and a broker
 * outage loses events rather than calls.
 */
@ApplicationScoped
public class CallEventPublisher implements CallEvents {

  private static final Logger LOG = Logger.getLogger(CallEventPublisher.class);

  private final ObjectMapper json;
  private final String topic;
  private final boolean enabled;
  private final KafkaProducer<String, String> producer;

  public CallEventPublisher(
      ObjectMapper json,
      RoutingConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
    this.json = json;
    this.topic = config.topics().callEvents();
    this.enabled = config.routing().publishEvents();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    // Never block a SIP thread on metadata or a full buffer for long.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "50");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "call-routing-events");
    this.producer = enabled ? new KafkaProducer<>(p) : null;
  }

  @Override
  public void publish(CallEvent event) {
    if (!enabled) {
      return;
    }
    try {
      producer.send(
          new ProducerRecord<>(topic, event.callId(), json.writeValueAsString(event)),
          (md, e) -> {
            if (e != null) {
              LOG.debugf("call event not sent: %s", e.toString());
            }
          });
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.debugf("call event not sent: %s", e.toString());
    }
  }

  @PreDestroy
  void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(2));
    }
  }
}
