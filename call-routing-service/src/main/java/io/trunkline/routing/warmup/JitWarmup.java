package io.trunkline.routing.warmup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.platform.crypto.AesGcmSecretCipher;
import io.trunkline.routing.service.StateStore;
import io.trunkline.routing.sip.HandWiredRouter;
import io.trunkline.sip.SipStack;
import io.trunkline.sip.SipStackOptions;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Warms the call path up before the service reports ready: for {@link WarmupConfig#duration()} it
 * drives whole calls (INVITE/100/200/ACK/BYE/200, a tenth failing over from a 503) from a fake PBX
 * through a {@link HandWiredRouter} to two fake trunks, all on loopback sockets. The router is the
 * service's own SIP adapter, B2BUA, resolver and sip-stack, but a separate instance with a routing
 * table of synthetic rules, its own meter registry and an event sink that drops everything: the JIT
 * compiles the same methods the real calls will run, while the real state, metrics and
 * call.events.v1 never see a warm-up call. Readiness ({@code routing-warmup}) is DOWN until it
 * ends, so no traffic is sent to a JVM that would still interpret its call path on the one core
 * that also compiles it. A warm-up that cannot run only logs why: it never keeps the service down.
 */
@ApplicationScoped
public class JitWarmup {

  private static final Logger LOG = Logger.getLogger(JitWarmup.class);

  /** How long the calls still in progress at the end may take to finish. */
  private static final long DRAIN_MILLIS = 5000;

  private static final long TICK_MILLIS = 10;

  /**
   * Calls after which the warm-up may end before its duration: above C2's invocation thresholds
   * (Tier4InvocationThreshold 5,000, Tier4CompileThreshold 15,000) for what runs once a call.
   */
  private static final int SETTLED_AFTER_CALLS = 15_000;

  /** What a finished warm-up did; {@link #NONE} when it was disabled or could not run. */
  public record Result(int started, int completed, int failedOver, int failed, long millis) {
    static final Result NONE = new Result(0, 0, 0, 0, 0);
  }

  /** Null until the warm-up ended; set at once when it is disabled. */
  private volatile Result result;

  private final WarmupConfig config;
  private final Vertx vertx;
  private final ObjectMapper json;

  public JitWarmup(WarmupConfig config, Vertx vertx, ObjectMapper json) {
    this.result = config.duration().isZero() ? Result.NONE : null;
    this.config = config;
    this.vertx = vertx;
    this.json = json;
  }

  void onStart(@Observes StartupEvent ev) {
    if (result != null) {
      return;
    }
    Thread t = new Thread(this::runOnce, "routing-warmup");
    t.setDaemon(true);
    t.start();
  }

  /** Whether the warm-up has ended (or never had to run). */
  public boolean done() {
    return result != null;
  }

  /** What it did, or null while it runs. */
  public Result result() {
    return result;
  }

  private void runOnce() {
    Result r = Result.NONE;
    try {
      r = run();
      LOG.infof(
          "JIT warm-up: %d synthetic calls in %d ms (%d answered, %d after failover, %d failed)",
          r.started(), r.millis(), r.completed(), r.failedOver(), r.failed());
    } catch (Exception | LinkageError e) {
      LOG.warnf("JIT warm-up skipped: %s", e.toString());
    } finally {
      result = r;
    }
  }

  /** Drives the calls for the configured time on a router of its own; blocks until they ended. */
  Result run() throws Exception {
    long t0 = System.nanoTime();
    FakeTrunk primary = new FakeTrunk(true);
    FakeTrunk secondary = new FakeTrunk(false);
    SipStack primaryStack = start(primary);
    SipStack secondaryStack = null;
    SipStack pbxStack = null;
    try {
      secondaryStack = start(secondary);
      pbxStack = start(new FakeTrunk(false));
      primary.contact = "<sip:127.0.0.1:" + primaryStack.port() + ";transport=udp>";
      secondary.contact = "<sip:127.0.0.1:" + secondaryStack.port() + ";transport=udp>";
      WarmupTable table = new WarmupTable(json, config.rules());
      StateStore store = new StateStore(AesGcmSecretCipher.unconfigured(), json);
      table.fill(store, primaryStack.port(), secondaryStack.port());
      try (HandWiredRouter router =
          new HandWiredRouter(
              WarmupTable.routerProperties(),
              store,
              vertx,
              new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
              event -> {})) {
        WarmupCalls calls = new WarmupCalls(pbxStack, router.port(), config.maxCallsInProgress());
        drive(calls, table);
        calls.awaitIdle(DRAIN_MILLIS);
        return new Result(
            calls.started.get(),
            calls.completed.get(),
            primary.refused.get(),
            calls.failed.get(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
      }
    } finally {
      for (SipStack s : java.util.Arrays.asList(pbxStack, secondaryStack, primaryStack)) {
        if (s != null) {
          s.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
      }
    }
  }

  /**
   * Starts calls at the configured rate until the duration is over, or earlier once the JIT is done
   * with them: enough calls for every once-a-call method to pass C2's thresholds, then a whole
   * second in which the compilers found nothing more to do.
   */
  private void drive(WarmupCalls calls, WarmupTable table) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + config.duration().toNanos();
    long offered = 0;
    JitActivity jit = new JitActivity();
    for (long now = start; now < end; now = System.nanoTime()) {
      long due = (now - start) * config.callsPerSecond() / 1_000_000_000L;
      while (offered < due) {
        offered++;
        if (!calls.tryCall(table.nextNumber())) {
          offered = due; // at the bound of calls in progress: skip, never catch up in a burst
        }
      }
      if (jit.settled(now) && calls.completed.get() >= SETTLED_AFTER_CALLS) {
        return;
      }
      Thread.sleep(TICK_MILLIS);
    }
  }

  private SipStack start(FakeTrunk handler) throws Exception {
    return SipStack.start(vertx, SipStackOptions.of("127.0.0.1", 0), handler)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }
}
