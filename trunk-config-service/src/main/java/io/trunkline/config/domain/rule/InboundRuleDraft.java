package io.trunkline.config.domain.rule;

import io.trunkline.config.domain.rule.InboundRuleView.Destination;
import io.trunkline.config.domain.rule.InboundRuleView.Match;
import io.trunkline.config.domain.rule.RuleView.Schedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An inbound rule as a client writes it, syntactically valid; its trunks are checked against the
 * database before it is stored. Stored, it is the body of {@link InboundRuleView}.
 */
public record InboundRuleDraft(
    String name,
    boolean enabled,
    int priority,
    Match match,
    @Schema(description = "PBX targets, tried in order") List<Destination> destinations,
    @Schema(nullable = true, description = "null: the rule always applies") Schedule schedule,
    @Schema(nullable = true, description = "Used instead of destinations outside the schedule")
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
