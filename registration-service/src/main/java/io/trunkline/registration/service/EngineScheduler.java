package io.trunkline.registration.service;

import io.trunkline.registration.domain.Scheduler;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BooleanSupplier;

/** The state machines' {@link Scheduler}: the engine thread and the REGISTER pacer. */
public final class EngineScheduler implements Scheduler {

  private final Engine engine;
  private final Pacer pacer;

  public EngineScheduler(Engine engine, Pacer pacer) {
    this.engine = engine;
    this.pacer = pacer;
  }

  @Override
  public void execute(Runnable task) {
    engine.execute(task);
  }

  @Override
  public Timer schedule(Duration delay, Runnable task) {
    ScheduledFuture<?> f = engine.schedule(delay, task);
    return () -> f.cancel(false);
  }

  @Override
  public void paced(BooleanSupplier send) {
    pacer.submit(send);
  }
}
