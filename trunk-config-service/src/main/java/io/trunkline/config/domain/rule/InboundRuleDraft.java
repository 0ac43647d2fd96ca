package io.trunkline.config.domain.rule;

import io.trunkline.config.domain.rule.InboundRuleView.Destination;
import io.trunkline.config.domain.rule.InboundRuleView.Match;
import io.trunkline.config.domain.rule.RuleView.Schedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A syntactically valid inbound rule whose trunks still have to be checked. */
public record InboundRuleDraft(
    String name,
    boolean enabled,
    int priority,
    Match match,
    List<Destination> destinations,
    Schedule schedule,
    Destination afterHours)
    implements ValidRule {

  @Override
  public Map<String, UUID> trunkReferences() {
    Map<String, UUID> refs = new LinkedHashMap<>();
    for (int i = 0; i < match.trunkIds().size(); i++) {
      refs.put("match.trunkIds[" + i + "]", match.trunkIds().get(i));
    }
    return refs;
  }
}
