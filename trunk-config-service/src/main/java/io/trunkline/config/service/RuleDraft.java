package io.trunkline.config.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.config.repository.RuleEntity;
import io.trunkline.config.service.RuleView.Match;
import io.trunkline.config.service.RuleView.Route;
import io.trunkline.config.service.RuleView.Schedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A syntactically valid rule whose trunks still have to be checked against the database. */
public record RuleDraft(
    String name,
    boolean enabled,
    int priority,
    Match match,
    Strategy strategy,
    List<Route> routes,
    Schedule schedule)
    implements ValidRule<RuleEntity> {

  @Override
  public Map<String, UUID> trunkReferences() {
    Map<String, UUID> refs = new LinkedHashMap<>();
    for (int i = 0; i < routes.size(); i++) {
      refs.put("routes[" + i + "].trunkId", routes.get(i).trunkId());
    }
    return refs;
  }

  @Override
  public void applyTo(RuleEntity e, ObjectMapper mapper) {
    StoredJson.header(e, this.name, enabled, priority, match, schedule, mapper);
    e.strategy = strategy;
    e.routesJson = StoredJson.write(mapper, routes);
    e.trunkIds = StoredJson.idList(routes.stream().map(Route::trunkId).toList());
  }

  public static RuleView view(RuleEntity e, ObjectMapper mapper) {
    return new RuleView(
        e.id,
        e.name,
        e.enabled,
        e.priority,
        StoredJson.read(mapper, e, e.matchJson, Match.class),
        e.strategy,
        List.of(StoredJson.read(mapper, e, e.routesJson, Route[].class)),
        StoredJson.read(mapper, e, e.scheduleJson, Schedule.class),
        e.version,
        e.createdAt,
        e.updatedAt);
  }
}
