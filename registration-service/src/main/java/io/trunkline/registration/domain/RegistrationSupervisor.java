package io.trunkline.registration.domain;

import io.trunkline.platform.crypto.SecretCipher;
import io.trunkline.platform.crypto.SecretCipherException;
import io.trunkline.platform.crypto.SecretKeyring;
import io.trunkline.platform.crypto.TrunkSecrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Keeps one registration and one OPTIONS probe per trunk of the assigned partitions, applying
 * config changes live: which changes re-REGISTER on the same Call-ID, which replace the
 * registration, which only rename it. Every method hops onto the scheduler's thread, which owns all
 * the state.
 */
public final class RegistrationSupervisor implements TrunkConfigListener {

  private static final Logger LOG = Logger.getLogger(RegistrationSupervisor.class);

  /** Result of a REST refresh request. */
  public enum RefreshResult {
    STARTED,
    UNKNOWN,
    NOT_REGISTERING
  }

  /** The registration outcome of a trunk whose password does not decrypt for it. */
  public static final String BAD_SECRET = "bad_secret";

  static final String REFUSED_REASON = "password not usable for this trunk";

  private final RegistrationContext ctx;
  private final SecretCipher cipher;
  private final StatusSink status;
  private final Duration initialSpread;
  private final Map<String, TrunkEntry> trunks = new HashMap<>();

  public RegistrationSupervisor(RegistrationContext ctx, SecretCipher cipher, Duration spread) {
    this.ctx = ctx;
    this.cipher = cipher;
    this.status = ctx.status();
    this.initialSpread = spread;
  }

  @Override
  public void partitionLoaded(int partition, Collection<TrunkConfig> snapshot) {
    var copy = new ArrayList<>(snapshot);
    ctx.scheduler().execute(() -> copy.forEach(t -> apply(partition, t, true)));
  }

  @Override
  public void upsert(int partition, TrunkConfig trunk) {
    ctx.scheduler().execute(() -> apply(partition, trunk, false));
  }

  @Override
  public void delete(int partition, String trunkId) {
    ctx.scheduler().execute(() -> remove(trunkId));
  }

  @Override
  public void revoked(Collection<Integer> partitions) {
    var copy = new ArrayList<>(partitions);
    ctx.scheduler()
        .execute(
            () -> {
              var it = trunks.values().iterator();
              while (it.hasNext()) {
                TrunkEntry e = it.next();
                if (copy.contains(e.partition)) {
                  e.stop();
                  status.forget(e.config.id());
                  it.remove();
                }
              }
            });
  }

  /** Re-registers a trunk now (REST). */
  public CompletableFuture<RefreshResult> refresh(String trunkId) {
    CompletableFuture<RefreshResult> result = new CompletableFuture<>();
    ctx.scheduler()
        .execute(
            () -> {
              TrunkEntry e = trunks.get(trunkId);
              if (e == null) {
                result.complete(RefreshResult.UNKNOWN);
              } else if (e.registration == null) {
                result.complete(RefreshResult.NOT_REGISTERING);
              } else {
                e.registration.refreshNow();
                result.complete(RefreshResult.STARTED);
              }
            });
    return result;
  }

  /** Stops everything without unregistering (shutdown: another replica takes over). */
  public void stopAll() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    ctx.scheduler()
        .execute(
            () -> {
              trunks.values().forEach(TrunkEntry::stop);
              trunks.clear();
              done.complete(null);
            });
    try {
      done.get(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("engine did not stop in time");
    }
  }

  private void apply(int partition, TrunkConfig t, boolean spread) {
    TrunkEntry e = trunks.get(t.id());
    if (e != null && !t.isNewerThan(e.config)) {
      return; // replay or duplicate
    }
    if (e == null) {
      e = new TrunkEntry(partition, t);
      trunks.put(t.id(), e);
    }
    TrunkConfig old = e.config == t ? null : e.config;
    e.config = t;
    e.partition = partition;
    Duration delay = spread ? randomDelay(initialSpread) : Duration.ZERO;
    applyRegistration(e, old, t, delay);
    applyProbe(e, t, delay);
  }

  private void applyRegistration(TrunkEntry e, TrunkConfig old, TrunkConfig t, Duration delay) {
    if (!t.registers()) {
      if (e.registration != null) {
        RegistrationMachine leaving = e.registration;
        e.registration = null;
        leaving.unregister(() -> status.track(t, stateWithoutRegistration(t)));
      } else {
        status.track(t, stateWithoutRegistration(t));
      }
      return;
    }
    String password;
    try {
      password = decrypt(t);
    } catch (SecretCipherException ex) {
      refuse(e, t, ex);
      return;
    }
    if (e.registration != null && old != null && sameTarget(old, t)) {
      if (t.registrationDiffers(old)) {
        e.registration.update(t, password);
      } else {
        e.registration.rename(t);
      }
      return;
    }
    if (e.registration != null) {
      e.registration.retire();
    }
    e.registration = new RegistrationMachine(ctx, t, password);
    e.registration.start(delay);
  }

  private void applyProbe(TrunkEntry e, TrunkConfig t, Duration delay) {
    if (t.pinged()) {
      if (e.probe == null) {
        e.probe = new ReachabilityProbe(ctx, t);
        e.probe.start(delay.plus(randomDelay(Duration.ofSeconds(t.optionsIntervalOrDefault()))));
      } else {
        e.probe.update(t);
      }
    } else if (e.probe != null) {
      e.probe.stop();
      e.probe = null;
      status.reachability(t, Reachability.UNKNOWN, null);
    }
  }

  private void remove(String trunkId) {
    TrunkEntry e = trunks.remove(trunkId);
    if (e == null) {
      return;
    }
    if (e.probe != null) {
      e.probe.stop();
    }
    if (e.registration != null) {
      e.registration.unregister(() -> status.deleted(trunkId));
    } else {
      status.deleted(trunkId);
    }
  }

  /** The trunk's password, decrypted with the trunk's id as associated data. */
  private String decrypt(TrunkConfig t) {
    if (t.passwordEncrypted() == null) {
      return null;
    }
    return cipher.decrypt(t.passwordEncrypted(), TrunkSecrets.binding(t.id()));
  }

  /**
   * A password that does not decrypt for this trunk (made for another trunk, with a key this
   * service lacks, or altered): nothing is sent anywhere with it, so a forged record pointing at
   * another host never gets a REGISTER, let alone a digest answer. Counted as outcome {@value
   * #BAD_SECRET}.
   */
  private void refuse(TrunkEntry e, TrunkConfig t, SecretCipherException ex) {
    // Only the trunk id and the token's key id: neither the token nor the cipher's message (which
    // may quote what it was given) ever reaches a log.
    LOG.warnf(
        "trunk %s: stored credential does not decrypt for this trunk (key id %s), not registering",
        t.id(), SecretKeyring.keyIdOf(t.passwordEncrypted()));
    if (e.registration != null) {
      e.registration.retire();
      e.registration = null;
    }
    status.registration(
        t,
        new RegistrationReport(
            RegistrationState.FAILED, null, REFUSED_REASON, null, null, 0, BAD_SECRET));
  }

  private static RegistrationState stateWithoutRegistration(TrunkConfig t) {
    return t.enabled() ? RegistrationState.NOT_REQUIRED : RegistrationState.UNREGISTERED;
  }

  private static boolean sameTarget(TrunkConfig a, TrunkConfig b) {
    return Objects.equals(a.host(), b.host())
        && a.portOrDefault() == b.portOrDefault()
        && a.transportOrDefault().equals(b.transportOrDefault())
        && Objects.equals(a.outboundProxy(), b.outboundProxy())
        && Objects.equals(a.username(), b.username());
  }

  private static Duration randomDelay(Duration max) {
    long ms = max.toMillis();
    return ms <= 0 ? Duration.ZERO : Duration.ofMillis(ThreadLocalRandom.current().nextLong(ms));
  }

  /** One trunk of an assigned partition. */
  private static final class TrunkEntry {
    int partition;
    TrunkConfig config;
    RegistrationMachine registration;
    ReachabilityProbe probe;

    TrunkEntry(int partition, TrunkConfig config) {
      this.partition = partition;
      this.config = config;
    }

    void stop() {
      if (registration != null) {
        registration.stop();
      }
      if (probe != null) {
        probe.stop();
      }
    }
  }
}
