package io.trunkline.config.domain.rule;

import io.trunkline.config.domain.rule.RuleView.Match;
import io.trunkline.config.domain.rule.RuleView.Route;
import io.trunkline.config.domain.rule.RuleView.Schedule;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An outbound rule as a client writes it, syntactically valid; its trunks are checked against the
 * database before it is stored. Stored, it is the body of {@link RuleView}.
 */
public record RuleDraft(
    String name,
    boolean enabled,
    int priority,
    Match match,
    Strategy strategy,
    List<Route> routes,
    @Schema(nullable = true, description = "null: the rule always applies") Schedule schedule)
    implements ValidRule {

  /** The distinct trunks the routes use. */
  public Set<UUID> trunkIds() {
    return routes.stream().map(Route::trunkId).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  @Override
  public Map<String, UUID> trunkReferences() {
    Map<String, UUID> refs = new LinkedHashMap<>();
    for (int i = 0; i < routes.size(); i++) {
      refs.put("routes[" + i + "].trunkId", routes.get(i).trunkId());
    }
    return refs;
  }
}
