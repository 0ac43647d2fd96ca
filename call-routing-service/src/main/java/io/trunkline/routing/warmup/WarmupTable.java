package io.trunkline.routing.warmup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.routing.service.StateStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The warm-up router's synthetic routing table: two trunks on the fake trunks' ports and prefix
 * rules of 3-7 digits (as carriers' rate decks have them) routing to the first and failing over to
 * the second, built from the contract JSON templates in {@code warmup/}, plus the numbers the fake
 * PBX dials. Nothing here is ever published: it lives only in the warm-up's own state store.
 */
final class WarmupTable {

  private final ObjectMapper json;
  private final List<String> prefixes;
  private final SplittableRandom random = new SplittableRandom(18);

  WarmupTable(ObjectMapper json, int rules) {
    this.json = json;
    Set<String> p = new LinkedHashSet<>();
    SplittableRandom r = new SplittableRandom(5);
    int wanted = Math.max(1, Math.min(rules, 100_000));
    while (p.size() < wanted) {
      StringBuilder b = new StringBuilder();
      for (int i = 3 + r.nextInt(5); i > 0; i--) {
        b.append((char) ('0' + r.nextInt(10)));
      }
      p.add(b.toString());
    }
    this.prefixes = new ArrayList<>(p);
  }

  /** Settings of the warm-up router: loopback, a free port, no TLS, the fake PBX as its PBX. */
  static Map<String, String> routerProperties() {
    return Map.of(
        "trunkline.sip.host", "127.0.0.1",
        "trunkline.sip.port", "0",
        "trunkline.sip.tls.listen", "false",
        "trunkline.routing.pbx-cidrs", "127.0.0.1/32",
        "trunkline.routing.no-provisional-timeout", "2s",
        "trunkline.routing.final-answer-timeout", "5s",
        "trunkline.topics.trunk-config", "unused",
        "trunkline.topics.routing-rules", "unused",
        "trunkline.topics.trunk-status", "unused",
        "trunkline.topics.call-events", "unused");
  }

  /** Puts both trunks and every rule into the store and publishes its snapshot. */
  void fill(StateStore store, int primaryPort, int secondaryPort) {
    String trunk = template("trunk.json");
    String primary = UUID.randomUUID().toString();
    String secondary = UUID.randomUUID().toString();
    store.applyTrunk(
        primary, fillIn(trunk, "id", primary, "name", "warmup-1", "port", primaryPort));
    store.applyTrunk(
        secondary, fillIn(trunk, "id", secondary, "name", "warmup-2", "port", secondaryPort));
    String rule = template("rule.json");
    for (String prefix : prefixes) {
      String id = UUID.randomUUID().toString();
      store.applyRule(
          id, fillIn(rule, "id", id, "prefix", prefix, "primary", primary, "secondary", secondary));
    }
    store.markLoaded();
    store.publish();
  }

  /** A ten-digit number under one of the rules; one in ten ends in 0 (the primary refuses it). */
  String nextNumber() {
    String prefix = prefixes.get(random.nextInt(prefixes.size()));
    StringBuilder b = new StringBuilder(prefix);
    while (b.length() < 10) {
      b.append((char) ('0' + random.nextInt(10)));
    }
    return b.toString();
  }

  /** The template with its placeholders replaced; a broken template fails here, not silently. */
  private String fillIn(String template, Object... namesAndValues) {
    String s = template;
    for (int i = 0; i < namesAndValues.length; i += 2) {
      s = s.replace("{{" + namesAndValues[i] + "}}", String.valueOf(namesAndValues[i + 1]));
    }
    try {
      json.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s;
  }

  private String template(String name) {
    try (InputStream in =
        WarmupTable.class.getClassLoader().getResourceAsStream("warmup/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource warmup/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
