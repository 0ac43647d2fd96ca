package io.trunkline.registration.service;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The one thread that owns all registration and probe state. SIP callbacks, Kafka records, REST
 * calls and timers are all turned into tasks on it, so the state machines need no locks and the
 * JAIN-SIP and Kafka threads are never blocked.
 */
public final class Engine implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Engine.class);

  private final ScheduledExecutorService executor;

  public Engine(String name) {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
  }

  /** Runs the task on the engine thread. */
  public void execute(Runnable task) {
    if (!executor.isShutdown()) {
      executor.execute(guarded(task));
    }
  }

  /** Runs the task on the engine thread after the delay. */
  public ScheduledFuture<?> schedule(Duration delay, Runnable task) {
    return scheduleNanos(delay.toNanos(), task);
  }

  /** Runs the task on the engine thread after the delay in nanoseconds. */
  public ScheduledFuture<?> scheduleNanos(long delayNanos, Runnable task) {
    return executor.schedule(guarded(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("registration task failed", e);
      }
    };
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
