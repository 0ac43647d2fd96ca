package io.trunkline.routing.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.trunkline.platform.crypto.SecretCipher;
import io.trunkline.platform.crypto.SecretCipherException;
import io.trunkline.platform.crypto.SecretKeyring;
import io.trunkline.platform.crypto.TrunkSecrets;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Holds the latest value per key of the three compacted topics and publishes them as an immutable
 * {@link RoutingSnapshot}. Values older than the one held are ignored, tombstones delete. Only the
 * consumer thread writes; readers take {@link #snapshot()} without locking.
 */
public class StateStore {

  private static final Logger LOG = Logger.getLogger(StateStore.class);

  private final SecretCipher cipher;
  private Counter refusedSecrets;
  private final ObjectMapper json;
  private final Map<String, TrunkConfig> trunkConfigs = new HashMap<>();
  private final Map<String, Trunk> trunks = new HashMap<>();
  private final Map<String, RoutingRule> ruleValues = new HashMap<>();
  private final Map<String, CompiledRule> rules = new HashMap<>();
  private final Map<String, TrunkStatus> statuses = new HashMap<>();
  private boolean rulesDirty;
  private boolean trunksDirty;
  private volatile RoutingSnapshot snapshot = RoutingSnapshot.empty();
  private volatile boolean loaded;

  /**
   * A store that decrypts trunk passwords with the cipher (each bound to its trunk's id) and reads
   * topic values with json; {@code refusedSecrets} counts trunk records whose password does not
   * decrypt for their own trunk (a token copied from another trunk, or a key this node lacks).
   */
  public StateStore(SecretCipher cipher, ObjectMapper json, Counter refusedSecrets) {
    this(cipher, json);
    this.refusedSecrets = refusedSecrets;
  }

  /** A store that decrypts trunk passwords with the cipher and reads topic values with json. */
  public StateStore(SecretCipher cipher, ObjectMapper json) {
    this.cipher = cipher;
    this.json = json;
  }

  /** The current state. */
  public RoutingSnapshot snapshot() {
    return snapshot;
  }

  /** Whether the initial load of all topics is complete. */
  public boolean isLoaded() {
    return loaded;
  }

  /** Marks the initial load complete (readiness). */
  public void markLoaded() {
    loaded = true;
  }

  /**
   * The id and version of every trunk and rule held (disabled rules included), for comparing this
   * replica's state with the config database. A copy taken under the store's lock.
   */
  public synchronized HeldVersions heldVersions() {
    Map<String, Long> t = new TreeMap<>();
    trunkConfigs.forEach((k, v) -> t.put(k, v.version()));
    Map<String, Long> r = new TreeMap<>();
    ruleValues.forEach((k, v) -> r.put(k, v.version()));
    return new HeldVersions(t, r);
  }

  /** What {@link #heldVersions()} answers: key -> version per topic. */
  public record HeldVersions(Map<String, Long> trunks, Map<String, Long> rules) {}

  /** Applies a trunk.config.v1 record; null value = tombstone. */
  public synchronized void applyTrunk(String key, String value) {
    if (value == null) {
      trunksDirty |= trunkConfigs.remove(key) != null | trunks.remove(key) != null;
      return;
    }
    TrunkConfig c = read(value, TrunkConfig.class, "trunk config", key);
    if (c == null || c.isOlderThan(trunkConfigs.get(key))) {
      return;
    }
    String id = c.id() == null ? key : c.id();
    String password = null;
    try {
      // Bound to the trunk id: a token copied from another trunk does not decrypt here.
      password =
          c.passwordEncrypted() == null
              ? null
              : cipher.decrypt(c.passwordEncrypted(), TrunkSecrets.binding(id));
    } catch (SecretCipherException e) {
      // the trunk and the token's key id only, never the cipher's message
      LOG.warnf(
          "trunk %s: stored credential does not decrypt for this trunk (key id %s);"
              + " calls to it will not answer challenges",
          id, SecretKeyring.keyIdOf(c.passwordEncrypted()));
      if (refusedSecrets != null) {
        refusedSecrets.increment();
      }
    }
    trunkConfigs.put(key, c);
    trunks.put(key, Trunk.from(c, password));
    trunksDirty = true;
  }

  /** Applies a routing.rules.v1 record; null value = tombstone. */
  public synchronized void applyRule(String key, String value) {
    if (value == null) {
      rulesDirty |= ruleValues.remove(key) != null | rules.remove(key) != null;
      return;
    }
    RoutingRule r = read(value, RoutingRule.class, "routing rule", key);
    if (r == null) {
      return;
    }
    if (r.isOlderThan(ruleValues.get(key))) {
      return;
    }
    ruleValues.put(key, r);
    if (r.enabled() == null || r.enabled()) {
      try {
        rules.put(key, CompiledRule.compile(r.id() == null ? withId(r, key) : r));
      } catch (RuntimeException e) {
        LOG.warnf("rule %s ignored: %s", key, e.getMessage());
        rules.remove(key);
      }
    } else {
      rules.remove(key);
    }
    rulesDirty = true;
  }

  /** Applies a trunk.status.v1 record; null value = tombstone. */
  public synchronized void applyStatus(String key, String value) {
    if (value == null) {
      trunksDirty |= statuses.remove(key) != null;
      return;
    }
    TrunkStatus s = read(value, TrunkStatus.class, "trunk status", key);
    if (s == null) {
      return;
    }
    if (s.isOlderThan(statuses.get(key))) {
      return;
    }
    statuses.put(key, s);
    trunksDirty = true;
  }

  /** Publishes a new snapshot if anything changed since the last one. */
  public synchronized void publish() {
    if (!rulesDirty && !trunksDirty) {
      return;
    }
    RoutingSnapshot old = snapshot;
    RuleIndex index = rulesDirty ? RuleIndex.build(rules.values()) : old.rules();
    Map<String, Trunk> t = trunksDirty ? Map.copyOf(trunks) : old.trunks();
    Map<String, TrunkStatus> s = trunksDirty ? Map.copyOf(statuses) : old.statuses();
    snapshot = new RoutingSnapshot(index, t, s, System.nanoTime());
    rulesDirty = false;
    trunksDirty = false;
  }

  private static RoutingRule withId(RoutingRule r, String id) {
    return new RoutingRule(
        r.schema(),
        r.version(),
        id,
        r.name(),
        r.enabled(),
        r.priority(),
        r.match(),
        r.strategy(),
        r.routes(),
        r.schedule(),
        r.createdAt());
  }

  private <T> T read(String value, Class<T> type, String what, String key) {
    try {
      return json.readValue(value, type);
    } catch (IOException e) {
      // The message of a Jackson error may quote the input, which can hold secrets: log the type.
      LOG.warnf(
          "%s key %s: unreadable value ignored (%s)", what, key, e.getClass().getSimpleName());
      return null;
    }
  }
}
