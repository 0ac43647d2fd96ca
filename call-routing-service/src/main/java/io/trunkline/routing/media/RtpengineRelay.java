package io.trunkline.routing.media;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.routing.service.call.MediaPeer;
import io.trunkline.routing.service.call.MediaRelay;
import io.trunkline.routing.service.call.MediaSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The {@link MediaRelay} on rtpengine's ng protocol: the instances of {@code trunkline.media}, a
 * ping health check of each, the sessions still open (deleted at shutdown, so that a stopping
 * service leaves nothing in rtpengine) and the media metrics.
 */
@ApplicationScoped
public class RtpengineRelay implements MediaRelay {

  private static final Logger LOG = Logger.getLogger(RtpengineRelay.class);

  final RtpengineInstances instances;
  final NgCommands commands;
  final MediaMetrics metrics;
  private final MediaConfig config;
  private final ScheduledThreadPoolExecutor timers;
  private final Set<RtpengineSession> open = ConcurrentHashMap.newKeySet();
  private volatile NgClient client;

  public RtpengineRelay(MediaConfig config, MeterRegistry registry) {
    this.config = config;
    this.instances = new RtpengineInstances(config.instances().orElse(List.of()));
    this.commands = new NgCommands(config.sdesExcludedSuites());
    this.metrics = new MediaMetrics(registry);
    this.timers =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "rtpengine-ng-timer");
              t.setDaemon(true);
              return t;
            });
    timers.setRemoveOnCancelPolicy(true);
    instances.all().forEach(metrics::instance);
  }

  void onStart(@Observes StartupEvent ev) {
    client();
    if (!instances.all().isEmpty()) {
      long every = config.pingInterval().toMillis();
      timers.scheduleWithFixedDelay(this::healthCheck, 0, every, TimeUnit.MILLISECONDS);
      LOG.infof("media relay instances: %s", instances.all().stream().map(i -> i.name).toList());
    }
  }

  /** Deletes every session still open (bounded by the shutdown grace), then stops. */
  void onStop(@Observes ShutdownEvent ev) {
    List<CompletableFuture<Void>> deletes = new ArrayList<>();
    for (RtpengineSession s : open) {
      deletes.add(s.deleteNow());
    }
    if (!deletes.isEmpty()) {
      LOG.infof("deleting %d media relay session(s) at shutdown", deletes.size());
      try {
        CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new))
            .get(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.warnf("media relay sessions not all deleted at shutdown: %s", e.toString());
      }
    }
    NgClient c = client;
    if (c != null) {
      c.close();
    }
    timers.shutdownNow();
  }

  @Override
  public MediaSession open(String id, MediaPeer caller, MediaPeer callee) {
    return new RtpengineSession(this, id, caller, callee);
  }

  /** Relay sessions open now (the media_sessions_active gauge). */
  public int activeSessions() {
    return metrics.active();
  }

  /** One ng command to one instance; a silent instance is marked down. Errors are counted. */
  CompletableFuture<Map<String, Object>> send(
      RtpengineInstances.Instance i, Map<String, Object> command) {
    long sent = System.nanoTime();
    return client()
        .request(i.address, command)
        .whenComplete(
            (r, err) -> {
              if (err != null) {
                MediaRelayException e = cause(err);
                metrics.error(e.reason());
                // an instance that answered anything meanwhile is slow, not gone: only one that
                // fell silent is taken out of the rotation (until it answers a ping)
                if ("timeout".equals(e.reason()) && !i.heardSince(sent)) {
                  instances.down(i, command.get("command") + " timed out");
                }
              }
            });
  }

  /** A best-effort command whose failure is nobody's concern (not counted, no instance state). */
  void sendQuietly(RtpengineInstances.Instance i, Map<String, Object> command) {
    client().request(i.address, command);
  }

  void opened(RtpengineSession s) {
    if (s.counted.compareAndSet(false, true)) {
      open.add(s);
      metrics.sessionOpened();
    }
  }

  void closed(RtpengineSession s) {
    if (s.counted.compareAndSet(true, false)) {
      open.remove(s);
      metrics.sessionDeleted();
    }
  }

  /** Runs a task on the relay's timer thread (never inside the caller's call). */
  void later(Runnable r) {
    try {
      timers.execute(r);
    } catch (RuntimeException rejected) {
      r.run(); // stopping: run it here rather than lose it
    }
  }

  private void healthCheck() {
    instances.refresh();
    NgClient c = client();
    for (RtpengineInstances.Instance i : instances.all()) {
      metrics.instance(i);
      c.request(i.address, NgCommands.ping())
          .whenComplete(
              (r, err) -> {
                if (err == null) {
                  instances.up(i);
                } else {
                  instances.down(i, "no answer to ping (" + cause(err).getMessage() + ")");
                }
              });
    }
  }

  private NgClient client() {
    NgClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          try {
            c =
                new NgClient(
                    timers, config.retransmitInterval(), config.timeout(), instances::heard);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot open the ng control socket", e);
          }
          client = c;
        }
      }
    }
    return c;
  }

  static MediaRelayException cause(Throwable err) {
    Throwable t = err;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof MediaRelayException m
        ? m
        : new MediaRelayException("io", String.valueOf(t.getMessage()));
  }
}
