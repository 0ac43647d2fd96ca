package io.trunkline.config.concurrency;

import static io.trunkline.config.TestSupport.api;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trunkline.config.Topics;
import io.trunkline.config.concurrency.Ledger.Ack;
import io.trunkline.config.concurrency.Ledger.History;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.SoftAssertions;

/**
 * The checks after a concurrent run: every acknowledged change is in the final state (exactly, when
 * no request was cut), and the last record of every key on each topic is the final state or a
 * tombstone.
 */
final class Consistency {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Consistency() {}

  /** id -> current state, as the API lists it. */
  static Map<String, JsonNode> current(String path) {
    JsonNode list = parse(api().get(path).then().statusCode(200).extract().asString());
    Map<String, JsonNode> out = new HashMap<>();
    list.forEach(n -> out.put(n.get("id").asText(), n));
    return out;
  }

  /**
   * Each acknowledged change is reflected: a deleted key is gone; a kept key has at least the
   * highest acknowledged version, and exactly its state when that is the final version. Two
   * acknowledgements never share a version. Without cut requests every version of a key from 1 to
   * its last was acknowledged once (no change committed unseen, none acknowledged twice).
   */
  static void acknowledgedChangesAreKept(
      Ledger ledger, Map<String, JsonNode> trunks, Map<String, JsonNode> rules, SoftAssertions s) {
    for (Map.Entry<String, History> e : ledger.keys.entrySet()) {
      String id = e.getKey();
      History h = e.getValue();
      JsonNode now = (h.entity.equals("trunk") ? trunks : rules).get(id);
      List<Ack> acks = h.acks();
      List<Long> versions = acks.stream().map(Ack::version).sorted().toList();
      s.assertThat(new TreeSet<>(versions))
          .as("distinct acknowledged versions of %s", id)
          .hasSameSizeAs(versions);
      if (h.deleted) {
        s.assertThat(now).as("%s %s was deleted (204)", h.entity, id).isNull();
        continue;
      }
      if (acks.isEmpty() || now == null && h.uncertain) {
        continue;
      }
      s.assertThat(now).as("%s %s acknowledged, never deleted", h.entity, id).isNotNull();
      if (now == null) {
        continue;
      }
      long last = versions.get(versions.size() - 1);
      long finalVersion = now.get("version").asLong();
      s.assertThat(finalVersion).as("final version of %s", id).isGreaterThanOrEqualTo(last);
      if (!h.uncertain) {
        s.assertThat(versions)
            .as("every committed version of %s was acknowledged once", id)
            .containsExactlyElementsOf(LongStream.rangeClosed(1, finalVersion).boxed().toList());
      }
      acks.stream()
          .filter(a -> a.version() == finalVersion && a.view() != null)
          .forEach(a -> s.assertThat(a.view()).as("final state of %s", id).isEqualTo(now));
    }
  }

  /** The last record per key equals the final state; every other key ends in a tombstone. */
  static void topicsMatch(String topic, Map<String, JsonNode> current, SoftAssertions s) {
    Map<String, List<ConsumerRecord<String, String>>> byKey =
        Topics.readAll(topic).stream()
            .collect(Collectors.groupingBy(ConsumerRecord::key, HashMap::new, Collectors.toList()));
    for (String id : current.keySet()) {
      List<ConsumerRecord<String, String>> records = byKey.get(id);
      s.assertThat(records).as("records of %s on %s", id, topic).isNotEmpty();
      if (records == null || records.isEmpty()) {
        continue;
      }
      String last = records.get(records.size() - 1).value();
      s.assertThat(last).as("last record of %s", id).isNotNull();
      if (last != null) {
        s.assertThat(comparable(parse(last)))
            .as("last record of %s", id)
            .isEqualTo(comparable(current.get(id)));
      }
    }
    for (Map.Entry<String, List<ConsumerRecord<String, String>>> e : byKey.entrySet()) {
      List<Long> versions = new ArrayList<>();
      for (ConsumerRecord<String, String> r : e.getValue()) {
        if (r.value() != null) {
          versions.add(parse(r.value()).get("version").asLong());
        }
      }
      s.assertThat(versions).as("versions of %s on %s in order", e.getKey(), topic).isSorted();
      if (!current.containsKey(e.getKey())) {
        List<ConsumerRecord<String, String>> rs = e.getValue();
        s.assertThat(rs.get(rs.size() - 1).value())
            .as("tombstone of deleted %s", e.getKey())
            .isNull();
      }
    }
  }

  /** The fields the API view and the record share (the record adds schema, at, the password). */
  private static JsonNode comparable(JsonNode n) {
    ObjectNode copy = n.deepCopy();
    copy.remove(List.of("schema", "at", "passwordEncrypted", "passwordSet"));
    return copy;
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every rule's routes name trunks that exist. */
  static void rulesReferenceExistingTrunks(
      Map<String, JsonNode> trunks, Map<String, JsonNode> rules, SoftAssertions s) {
    for (JsonNode rule : rules.values()) {
      rule.get("routes")
          .forEach(
              r ->
                  s.assertThat(trunks)
                      .as("trunk of rule %s", rule.get("id").asText())
                      .containsKey(r.get("trunkId").asText()));
    }
    assertThat(trunks).isNotEmpty();
  }
}
