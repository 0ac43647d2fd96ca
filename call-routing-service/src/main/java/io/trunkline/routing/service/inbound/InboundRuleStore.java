package io.trunkline.routing.service.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.routing.service.InboundRule;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The latest value per key of {@code inbound.rules.v1}, published as an immutable {@link
 * InboundRuleIndex}. Older versions are ignored, tombstones delete, a rule that cannot be compiled
 * is left out (logged). Only the state consumer's thread writes.
 */
@ApplicationScoped
public class InboundRuleStore {

  private static final Logger LOG = Logger.getLogger(InboundRuleStore.class);

  private final ObjectMapper json;
  private final Map<String, InboundRule> values = new HashMap<>();
  private final Map<String, CompiledInboundRule> rules = new HashMap<>();
  private boolean dirty;
  private volatile InboundRuleIndex index = InboundRuleIndex.empty();

  public InboundRuleStore(ObjectMapper json) {
    this.json = json;
  }

  /** The current rules. */
  public InboundRuleIndex index() {
    return index;
  }

  /** Id and version of every inbound rule held (disabled ones included). */
  public synchronized Map<String, Long> heldVersions() {
    Map<String, Long> v = new TreeMap<>();
    values.forEach((k, r) -> v.put(k, r.version()));
    return v;
  }

  /** Applies an inbound.rules.v1 record; null value = tombstone. */
  public synchronized void apply(String key, String value) {
    if (value == null) {
      dirty |= values.remove(key) != null | rules.remove(key) != null;
      return;
    }
    InboundRule r;
    try {
      r = json.readValue(value, InboundRule.class);
    } catch (IOException e) {
      LOG.warnf("inbound rule key %s: unreadable value ignored (%s)", key, e.getClass().getName());
      return;
    }
    if (r.isOlderThan(values.get(key))) {
      return;
    }
    values.put(key, r);
    rules.remove(key);
    if (r.enabled() == null || r.enabled()) {
      try {
        CompiledInboundRule c = CompiledInboundRule.compile(r);
        rules.put(key, r.id() == null ? withId(c, key) : c);
      } catch (RuntimeException e) {
        LOG.warnf("inbound rule %s ignored: %s", key, e.getMessage());
      }
    }
    dirty = true;
  }

  /** Publishes a new index if anything changed. */
  public synchronized void publish() {
    if (dirty) {
      index = InboundRuleIndex.build(rules.values());
      dirty = false;
    }
  }

  private static CompiledInboundRule withId(CompiledInboundRule c, String id) {
    return new CompiledInboundRule(
        id,
        c.name(),
        c.priority(),
        c.createdAt(),
        c.trunkIds(),
        c.dids(),
        c.didPrefixes(),
        c.callers(),
        c.schedule(),
        c.destinations(),
        c.afterHours());
  }
}
