package io.trunkline.config.event;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.config.repository.OutboxRows;
import io.trunkline.config.repository.OutboxRows.Row;
import io.trunkline.config.settings.TrunklineConfig;
import io.trunkline.platform.kafka.KafkaClientSecurity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
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
 * acknowledged it (acks=all, idempotent producer). Runs on its own thread with its own JDBC
 * connections: a send may block while the broker is down, and rows simply stay pending until it is
 * back, without holding anything an API request needs.
 *
 * <p>Order: rows are read by id among those committed, never after a high-water mark, so a row
 * whose transaction commits after a higher id was already published is still picked up. Rows of one
 * key get their ids in commit order (the writer locks the entity row first), and only the
 * acknowledged prefix of a batch is marked sent, so a retry re-sends in order (it may duplicate a
 * record; consumers drop versions they already hold). A record the broker refuses for good (too
 * large, invalid) is parked: flagged in its row, counted in {@code config_outbox_parked}, logged
 * once, and the relay goes on with the next ones.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  private final OutboxRows rows;
  private final TrunklineConfig.Outbox config;
  private final String bootstrapServers;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong parked = new AtomicLong();
  private final AtomicBoolean wakeQueued = new AtomicBoolean();
  private ScheduledExecutorService executor;
  private KafkaProducer<String, String> producer;
  private final KafkaClientSecurity security;
  private boolean outage;
  private long lastCleanup;

  public OutboxRelay(
      OutboxRows rows,
      TrunklineConfig config,
      MeterRegistry registry,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      KafkaClientSecurity security) {
    this.rows = rows;
    this.config = config.outbox();
    this.bootstrapServers = bootstrapServers;
    this.security = security;
    Gauge.builder("config_outbox_pending", pending, AtomicLong::get)
        .description("Outbox rows not yet acknowledged by Kafka")
        .register(registry);
    Gauge.builder("config_outbox_parked", parked, AtomicLong::get)
        .description("Outbox rows Kafka refused for good (kept until the retention ends)")
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

  private void drainSafely() {
    try {
      while (publishBatch()) {
        // keep going while full batches were published
      }
    } catch (SQLException | RuntimeException e) {
      LOG.debugf("outbox relay round failed: %s", e.toString());
    }
    try {
      long[] counts = rows.counts();
      pending.set(counts[0]);
      parked.set(counts[1]);
      cleanup();
    } catch (SQLException | RuntimeException e) {
      LOG.debugf("cannot count or clean outbox rows: %s", e.toString());
    }
  }

  /** Sent and parked rows are kept for a while (for inspection), then deleted. */
  private void cleanup() throws SQLException {
    long now = System.currentTimeMillis();
    if (now - lastCleanup < 60_000) {
      return;
    }
    lastCleanup = now;
    rows.deleteOlderThan(config.retention());
  }

  /** Publishes one batch; true when a full batch went out and more may be waiting. */
  private boolean publishBatch() throws SQLException {
    List<Row> batch = rows.pending(config.batchSize());
    if (batch.isEmpty()) {
      return false;
    }
    KafkaProducer<String, String> p = producer();
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (Row row : batch) {
      Future<RecordMetadata> ack;
      try {
        ack = p.send(new ProducerRecord<>(row.topic(), row.key(), row.payload()));
      } catch (RuntimeException e) {
        break; // the rest stays pending
      }
      acks.add(ack);
      if (ack.isDone() && transientFailure(ack)) {
        break; // e.g. no metadata (broker down): every further send would block max.block
      }
    }
    List<Long> acked = new ArrayList<>();
    int done = 0; // rows acknowledged or parked, from the start of the batch
    long wait = config.deliveryTimeout().toMillis() + 5_000;
    for (int i = 0; i < acks.size(); i++) {
      Row row = batch.get(i);
      try {
        acks.get(i).get(wait, TimeUnit.MILLISECONDS);
        acked.add(row.id());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException e) {
        if (!RefusedRecords.isPermanent(e.getCause())) {
          break; // only the acknowledged (or parked) prefix counts as done
        }
        park(row, e.getCause());
      } catch (Exception e) {
        break;
      }
      done++;
    }
    rows.markSent(acked);
    if (outage && done == batch.size()) {
      LOG.info("Kafka acknowledges outbox records again");
      outage = false;
    }
    if (done < batch.size()) {
      // Once per outage at WARN; the retries in between only at DEBUG.
      if (!outage) {
        LOG.warnf(
            "Kafka did not acknowledge %d outbox record(s); they stay pending and are retried"
                + " every %s",
            batch.size() - done, config.retryBackoff());
        outage = true;
      } else {
        LOG.debugf("Kafka still unavailable, %d record(s) pending", batch.size() - done);
      }
      // A fresh producer after a failure: an idempotent producer may be left in a fatal state.
      closeProducer();
      sleep(config.retryBackoff());
      return false;
    }
    return batch.size() == config.batchSize();
  }

  private void park(Row row, Throwable reason) throws SQLException {
    rows.park(row.id(), reason.getClass().getSimpleName());
    parked.incrementAndGet();
    // Logged once: a parked row is never tried again. Key and size only, never the payload.
    LOG.warnf(
        "Kafka refused outbox record %d (topic %s, key %s, %d chars) for good (%s); it is parked"
            + " and later changes go on. Run the reconciliation to publish the key's state again.",
        row.id(),
        row.topic(),
        row.key(),
        row.payload() == null ? 0 : row.payload().length(),
        reason.getClass().getSimpleName());
  }

  /** A send that failed already, for a reason that is not the record's own fault. */
  private static boolean transientFailure(Future<RecordMetadata> ack) {
    try {
      ack.get();
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    } catch (ExecutionException e) {
      return !RefusedRecords.isPermanent(e.getCause());
    }
  }

  private KafkaProducer<String, String> producer() {
    if (producer == null) {
      producer =
          new KafkaProducer<>(security.applyTo(ProducerSettings.of(bootstrapServers, config)));
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
