package io.trunkline.routing.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.platform.kafka.KafkaClientSecurity;
import io.trunkline.routing.config.RoutingConfig;
import io.trunkline.routing.service.CallEvent;
import io.trunkline.routing.service.CallEvents;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>{@code KafkaProducer.send} itself can block (up to max.block.ms, per event, while the topic's
 * metadata is unknown, e.g. during a broker outage, or while its buffer is full). All SIP callbacks
 * run on one event loop, so events are handed to a single sender thread (which keeps their order)
 * through a bounded queue; when that queue is full, events are dropped.
 */
@ApplicationScoped
public class CallEventPublisher implements CallEvents {

  private static final Logger LOG = Logger.getLogger(CallEventPublisher.class);

  /** Events waiting for the sender thread (a few seconds of a busy node's calls). */
  private static final int QUEUED_EVENTS = 50_000;

  private final ObjectMapper json;
  private final String topic;
  private final boolean enabled;
  private final KafkaProducer<String, String> producer;
  private final ThreadPoolExecutor sender;

  public CallEventPublisher(
      ObjectMapper json,
      RoutingConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
      KafkaClientSecurity security) {
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
    // Fail fast on unknown metadata or a full buffer: in an outage the sender thread must keep
    // draining its queue (losing events) rather than stall on each one.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "50");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "call-routing-events");
    security.applyTo(p);
    this.producer = enabled ? new KafkaProducer<>(p) : null;
    this.sender =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUED_EVENTS),
            r -> {
              Thread t = new Thread(r, "call-events");
              t.setDaemon(true);
              return t;
            },
            (r, pool) -> LOG.debug("call event dropped: sender queue full or stopped"));
  }

  @Override
  public boolean enabled() {
    return enabled;
  }

  @Override
  public void publish(CallEvent event) {
    if (!enabled) {
      return;
    }
    sender.execute(() -> send(event));
  }

  private void send(CallEvent event) {
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
  void close() throws InterruptedException {
    sender.shutdown();
    sender.awaitTermination(2, TimeUnit.SECONDS);
    if (producer != null) {
      producer.close(Duration.ofSeconds(2));
    }
  }
}
