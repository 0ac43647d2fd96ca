package io.trunkline.config.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.config.repository.InboundRuleEntity;
import io.trunkline.config.service.InboundRuleView.Destination;
import io.trunkline.config.service.InboundRuleView.Match;
import io.trunkline.config.service.RuleView.Schedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A syntactically valid inbound rule whose trunks still have to be checked. */
record InboundRuleDraft(
    String name,
    boolean enabled,
    int priority,
    Match match,
    List<Destination> destinations,
    Schedule schedule,
    Destination afterHours)
    implements ValidRule<InboundRuleEntity> {

  @Override
  public Map<String, UUID> trunkReferences() {
    Map<String, UUID> refs = new LinkedHashMap<>();
    for (int i = 0; i < match.trunkIds().size(); i++) {
      refs.put("match.trunkIds[" + i + "]", match.trunkIds().get(i));
    }
    return refs;
  }

  @Override
  public void applyTo(InboundRuleEntity e, ObjectMapper mapper) {
    StoredJson.header(e, this.name, enabled, priority, match, schedule, mapper);
    e.trunkIds = StoredJson.idList(match.trunkIds());
    e.destinationsJson = StoredJson.write(mapper, destinations);
    e.afterHoursJson = afterHours == null ? null : StoredJson.write(mapper, afterHours);
  }

  static InboundRuleView view(InboundRuleEntity e, ObjectMapper mapper) {
    return new InboundRuleView(
        e.id,
        e.name,
        e.enabled,
        e.priority,
        StoredJson.read(mapper, e, e.matchJson, Match.class),
        List.of(StoredJson.read(mapper, e, e.destinationsJson, Destination[].class)),
        StoredJson.read(mapper, e, e.scheduleJson, Schedule.class),
        StoredJson.read(mapper, e, e.afterHoursJson, Destination.class),
        e.version,
        e.createdAt,
        e.updatedAt);
  }
}
