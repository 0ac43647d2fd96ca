package io.trunkline.config.event;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.config.config.TrunklineConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes pending outbox rows to Kafka, oldest first, and marks a row sent only after the broker
 * acknowledged it (acks=all, idempotent producer). Runs on its own thread: a send may block while
 * the broker is down, and rows simply stay pending until it is back. Rows of one key are sent in id
 * order, and a failed batch is retried from its first unacknowledged row, so per-key order holds (a
 * retry may duplicate a record; consumers drop versions they already hold).
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  private final Pool pool;
  private final TrunklineConfig.Outbox config;
  private final String bootstrapServers;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicBoolean wakeQueued = new AtomicBoolean();
  private ScheduledExecutorService executor;
  private KafkaProducer<String, String> producer;
  private boolean outage;
  private long lastCleanup;

  public OutboxRelay(
      Pool pool,
      TrunklineConfig config,
      MeterRegistry registry,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.pool = pool;
    this.config = config.outbox();
    this.bootstrapServers = bootstrapServers;
    Gauge.builder("config_outbox_pending", pending, AtomicLong::get)
        .description("Outbox rows not yet acknowledged by Kafka")
        .register(registry);
  }

  void start(@Observes StartupEvent event) {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "outbox-relay");
              t.setDaemon(true);
              return t;
            });
    long every = config.pollInterval().toMillis();
    // Also publishes rows left pending by a previous run (crash between commit and publish).
    executor.scheduleWithFixedDelay(this::drainSafely, 0, every, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    closeProducer();
  }

  /** Asks for a publish round now (after a commit) instead of at the next poll. */
  public void wakeUp() {
    if (executor != null && wakeQueued.compareAndSet(false, true)) {
      executor.execute(
          () -> {
            wakeQueued.set(false);
            drainSafely();
          });
    }
  }

  /** Rows not yet acknowledged, as last counted. */
  public long pending() {
    return pending.get();
  }

  private void drainSafely() {
    try {
      countPending();
    } catch (Exception e) {
      LOG.debugf("cannot count pending outbox rows: %s", e.toString());
    }
    try {
      while (publishBatch()) {
        // keep going while full batches were published
      }
    } catch (Exception e) {
      LOG.debugf("outbox relay round failed: %s", e.toString());
    }
    try {
      countPending();
      cleanup();
    } catch (Exception e) {
      LOG.debugf("cannot count or clean outbox rows: %s", e.toString());
    }
  }

  /** Sent rows are kept for a while (for inspection), then deleted. */
  private void cleanup() {
    long now = System.currentTimeMillis();
    if (now - lastCleanup < 60_000) {
      return;
    }
    lastCleanup = now;
    pool.preparedQuery(
            "delete from outbox where sent_at is not null and sent_at < now() - make_interval(secs"
                + " => $1)")
        .execute(Tuple.of((double) config.retention().toSeconds()))
        .await()
        .atMost(Duration.ofSeconds(30));
  }

  /** Publishes one batch; true when a full batch went out and more may be waiting. */
  private boolean publishBatch() {
    List<Row> rows = new ArrayList<>();
    pool.preparedQuery(
            "select id, topic, message_key, payload from outbox where sent_at is null"
                + " order by id limit $1")
        .execute(Tuple.of(config.batchSize()))
        .await()
        .atMost(Duration.ofSeconds(10))
        .forEach(rows::add);
    if (rows.isEmpty()) {
      return false;
    }
    KafkaProducer<String, String> p = producer();
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (Row row : rows) {
      Future<RecordMetadata> ack;
      try {
        ack =
            p.send(
                new ProducerRecord<>(
                    row.getString("topic"),
                    row.getString("message_key"),
                    row.getString("payload")));
      } catch (RuntimeException e) {
        break; // the rest stays pending
      }
      acks.add(ack);
      if (ack.isDone() && failed(ack)) {
        break; // e.g. no metadata (broker down): every further send would block max.block
      }
    }
    List<Long> acked = new ArrayList<>();
    long wait = config.deliveryTimeout().toMillis() + 5_000;
    for (int i = 0; i < acks.size(); i++) {
      try {
        acks.get(i).get(wait, TimeUnit.MILLISECONDS);
        acked.add(rows.get(i).getLong("id"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception e) {
        break; // only the acknowledged prefix counts as sent
      }
    }
    if (outage && acked.size() == rows.size()) {
      LOG.info("Kafka acknowledges outbox records again");
      outage = false;
    }
    if (!acked.isEmpty()) {
      pool.preparedQuery("update outbox set sent_at = now() where id = any($1)")
          .execute(Tuple.of(acked.toArray(new Long[0])))
          .await()
          .atMost(Duration.ofSeconds(10));
    }
    if (acked.size() < rows.size()) {
      // Once per outage at WARN; the retries in between only at DEBUG.
      if (!outage) {
        LOG.warnf(
            "Kafka did not acknowledge %d outbox record(s); they stay pending and are retried"
                + " every %s",
            rows.size() - acked.size(), config.retryBackoff());
        outage = true;
      } else {
        LOG.debugf("Kafka still unavailable, %d record(s) pending", rows.size() - acked.size());
      }
      // A fresh producer after a failure: an idempotent producer may be left in a fatal state.
      closeProducer();
      sleep(config.retryBackoff());
      return false;
    }
    return rows.size() == config.batchSize();
  }

  private static boolean failed(Future<RecordMetadata> ack) {
    try {
      ack.get();
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    } catch (Exception e) {
      return true;
    }
  }

  private void countPending() {
    Row row =
        pool.query("select count(*) from outbox where sent_at is null")
            .execute()
            .await()
            .atMost(Duration.ofSeconds(10))
            .iterator()
            .next();
    pending.set(row.getLong(0));
  }

  private KafkaProducer<String, String> producer() {
    if (producer == null) {
      producer = new KafkaProducer<>(ProducerSettings.of(bootstrapServers, config));
    }
    return producer;
  }

  private void closeProducer() {
    if (producer != null) {
      try {
        producer.close(Duration.ofSeconds(2));
      } catch (RuntimeException e) {
        LOG.debug("closing the producer failed", e);
      }
      producer = null;
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
