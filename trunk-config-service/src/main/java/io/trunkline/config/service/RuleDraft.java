package io.trunkline.config.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.config.repository.RuleEntity;
import io.trunkline.config.service.RuleView.Match;
import io.trunkline.config.service.RuleView.Route;
import io.trunkline.config.service.RuleView.Schedule;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A syntactically valid rule whose trunks still have to be checked against the database. */
public record RuleDraft(
    String name,
    boolean enabled,
    int priority,
    Match match,
    Strategy strategy,
    List<Route> routes,
    Schedule schedule) {

  /** The distinct trunks the routes use. */
  public Set<UUID> trunkIds() {
    return routes.stream().map(Route::trunkId).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  public void applyTo(RuleEntity e, ObjectMapper mapper) {
    e.name = name;
    e.enabled = enabled;
    e.priority = priority;
    e.strategy = strategy;
    try {
      e.matchJson = mapper.writeValueAsString(match);
      e.routesJson = mapper.writeValueAsString(routes);
      e.scheduleJson = schedule == null ? null : mapper.writeValueAsString(schedule);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot serialise rule", ex);
    }
    e.trunkIds = trunkIds().stream().map(UUID::toString).collect(Collectors.joining(","));
  }

  public static RuleView view(RuleEntity e, ObjectMapper mapper) {
    try {
      return new RuleView(
          e.id,
          e.name,
          e.enabled,
          e.priority,
          mapper.readValue(e.matchJson, Match.class),
          e.strategy,
          List.of(mapper.readValue(e.routesJson, Route[].class)),
          e.scheduleJson == null ? null : mapper.readValue(e.scheduleJson, Schedule.class),
          e.version,
          e.createdAt,
          e.updatedAt);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("stored rule " + e.id + " is unreadable", ex);
    }
  }
}
