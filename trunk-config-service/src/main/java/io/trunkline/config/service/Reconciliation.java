package io.trunkline.config.service;

import io.smallrye.mutiny.Uni;
import io.trunkline.config.client.RoutingStateClient;
import io.trunkline.config.domain.error.InvalidRequestException;
import io.trunkline.config.domain.error.ServiceUnavailableException;
import io.trunkline.config.event.TopicState;
import io.trunkline.config.repository.StoredVersions;
import io.trunkline.config.repository.StoredVersions.Snapshot;
import io.trunkline.config.service.ReconciliationReport.Counts;
import io.trunkline.config.service.ReconciliationReport.Difference;
import io.trunkline.config.service.ReconciliationReport.Repair;
import io.trunkline.config.service.ReconciliationReport.Republished;
import io.trunkline.config.settings.TrunklineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Compares what PostgreSQL holds with the last record per key of the compacted topics and with what
 * call-routing holds, and repairs differences by writing the current state (or a tombstone) to the
 * outbox again. Blocking: runs on a worker thread.
 *
 * <p>The database is read first, in one snapshot that also names the keys still in the outbox
 * (those are in flight, not different); the topics are read afterwards up to their end offsets, so
 * every change the snapshot shows as published must be there. A change committed while the check
 * runs can still look like a difference once; only keys that differ in two looks, {@code settle}
 * apart, are reported.
 */
@ApplicationScoped
public class Reconciliation {

  private static final Logger LOG = Logger.getLogger(Reconciliation.class);

  private final StoredVersions stored;
  private final TopicState topics;
  private final RoutingStateClient routing;
  private final TrunkService trunkService;
  private final RuleService ruleService;
  private final InboundRuleService inboundService;
  private final TrunklineConfig.Topics topicNames;
  private final TrunklineConfig.Reconciliation config;

  public Reconciliation(
      StoredVersions stored,
      TopicState topics,
      RoutingStateClient routing,
      TrunkService trunkService,
      RuleService ruleService,
      InboundRuleService inboundService,
      TrunklineConfig config) {
    this.stored = stored;
    this.topics = topics;
    this.routing = routing;
    this.trunkService = trunkService;
    this.ruleService = ruleService;
    this.inboundService = inboundService;
    this.topicNames = config.topics();
    this.config = config.reconciliation();
  }

  /** The confirmed differences (empty when all agree). */
  public ReconciliationReport report() {
    ReconciliationReport first = look();
    if (first.differences().isEmpty()) {
      return first;
    }
    sleep(config.settle());
    ReconciliationReport second = look();
    Set<String> before =
        first.differences().stream().map(Reconciliation::key).collect(Collectors.toSet());
    List<Difference> confirmed =
        second.differences().stream().filter(d -> before.contains(key(d))).toList();
    return new ReconciliationReport(
        second.checkedAt(),
        second.database(),
        second.topics(),
        second.routing(),
        second.routingNotCompared(),
        second.outboxPending(),
        second.outboxParked(),
        confirmed);
  }

  /** Publishes every differing key's current state (or a tombstone) again, through the outbox. */
  public Repair repair() {
    List<Difference> differences = report().differences();
    List<Republished> done = new ArrayList<>();
    // Trunks first: a rule published again should find its trunks already there.
    for (String entity : List.of("trunk", "rule", "inbound-rule")) {
      for (Difference d : differences) {
        if (d.entity().equals(entity)) {
          done.add(republish(d));
        }
      }
    }
    LOG.infof("reconciliation repair: %d key(s) published again", done.size());
    return new Repair(differences.size(), done);
  }

  private Republished republish(Difference d) {
    UUID id;
    try {
      id = UUID.fromString(d.id());
    } catch (IllegalArgumentException e) {
      return new Republished(d.entity(), d.id(), "failed", "the key is not an id of this service");
    }
    Uni<Boolean> write =
        switch (d.entity()) {
          case "trunk" -> trunkService.republish(id);
          case "rule" -> ruleService.republish(id);
          default -> inboundService.republish(id);
        };
    try {
      boolean exists = write.await().atMost(config.timeout());
      return new Republished(d.entity(), d.id(), exists ? "state" : "tombstone", null);
    } catch (InvalidRequestException e) {
      return new Republished(
          d.entity(),
          d.id(),
          "failed",
          e.errors().stream()
              .map(f -> f.field() + " " + f.message())
              .collect(Collectors.joining()));
    } catch (RuntimeException e) {
      return new Republished(d.entity(), d.id(), "failed", e.getMessage());
    }
  }

  private ReconciliationReport look() {
    Snapshot db;
    Map<String, Long> trunkTopic;
    Map<String, Long> ruleTopic;
    Map<String, Long> inboundTopic;
    try {
      db = stored.read();
      trunkTopic = topics.liveVersions(topicNames.trunkConfig(), config.timeout());
      ruleTopic = topics.liveVersions(topicNames.routingRules(), config.timeout());
      inboundTopic = topics.liveVersions(topicNames.inboundRules(), config.timeout());
    } catch (SQLException e) {
      throw new ServiceUnavailableException("the database is not reachable");
    } catch (TimeoutException e) {
      throw new ServiceUnavailableException("Kafka is not reachable: " + e.getMessage());
    }
    Optional<RoutingStateClient.Held> held = Optional.empty();
    String notCompared = null;
    try {
      held = routing.fetch();
      if (held.isEmpty()) {
        notCompared = "trunkline.reconciliation.routing-url is not set";
      } else if (!held.get().loaded()) {
        notCompared = "call-routing has not loaded the topics yet";
        held = Optional.empty();
      }
    } catch (IOException e) {
      notCompared = "call-routing did not answer: " + e.getMessage();
    }
    List<Difference> differences = new ArrayList<>();
    differences.addAll(
        compare(
            "trunk",
            topicNames.trunkConfig(),
            db,
            db.trunks(),
            trunkTopic,
            held.map(RoutingStateClient.Held::trunks)));
    differences.addAll(
        compare(
            "rule",
            topicNames.routingRules(),
            db,
            db.rules(),
            ruleTopic,
            held.map(RoutingStateClient.Held::rules)));
    // call-routing's state endpoint does not list inbound rules: database and topic only.
    differences.addAll(
        compare(
            "inbound-rule",
            topicNames.inboundRules(),
            db,
            db.inboundRules(),
            inboundTopic,
            Optional.empty()));
    return new ReconciliationReport(
        Instant.now(),
        new Counts(db.trunks().size(), db.rules().size(), db.inboundRules().size()),
        new Counts(trunkTopic.size(), ruleTopic.size(), inboundTopic.size()),
        held.map(h -> new Counts(h.trunks().size(), h.rules().size(), null)).orElse(null),
        notCompared,
        db.pending(),
        db.parked(),
        differences);
  }

  /** Every key any source holds, minus the keys still in the outbox. */
  static List<Difference> compare(
      String entity,
      String topic,
      Snapshot db,
      Map<String, Long> inDatabase,
      Map<String, Long> onTopic,
      Optional<Map<String, Long>> inRouting) {
    Set<String> keys = new TreeSet<>(inDatabase.keySet());
    keys.addAll(onTopic.keySet());
    inRouting.ifPresent(r -> keys.addAll(r.keySet()));
    List<Difference> out = new ArrayList<>();
    for (String key : keys) {
      if (db.inFlight(topic, key)) {
        continue;
      }
      Long want = inDatabase.get(key);
      Long topicHas = onTopic.get(key);
      Long routingHas = inRouting.map(r -> r.get(key)).orElse(null);
      List<String> where = new ArrayList<>();
      if (!Objects.equals(want, topicHas)) {
        where.add("topic");
      }
      if (inRouting.isPresent() && !Objects.equals(want, routingHas)) {
        where.add("routing");
      }
      if (!where.isEmpty()) {
        out.add(new Difference(entity, key, want, topicHas, routingHas, where));
      }
    }
    return out;
  }

  private static String key(Difference d) {
    return d.entity() + "/" + d.id();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
