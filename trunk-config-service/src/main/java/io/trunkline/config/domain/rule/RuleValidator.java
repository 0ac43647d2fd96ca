package io.trunkline.config.domain.rule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trunkline.config.domain.json.JsonInput;
import io.trunkline.config.domain.rule.RuleInput.RouteInput;
import io.trunkline.config.domain.rule.RuleView.Match;
import io.trunkline.config.domain.rule.RuleView.Route;
import io.trunkline.config.domain.rule.RuleView.Schedule;
import io.trunkline.config.domain.validation.DeclaredConstraints;
import io.trunkline.config.domain.validation.FieldErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads and checks an outbound rule from JSON, collecting every bad field: the plain ranges and
 * patterns declared on {@link RuleInput}, the rest here.
 */
@ApplicationScoped
public class RuleValidator implements DraftReader<RuleDraft> {

  static final Set<String> FIELDS = RuleParts.fields("match", "strategy", "routes");
  private static final Set<String> MATCH = Set.of("prefixes", "lengths", "callers");
  private static final Set<String> ROUTE =
      Set.of("trunkId", "stripDigits", "prepend", "callerId", "weight");
  private static final Pattern PREFIX = Pattern.compile("[0-9*#+]{1,32}");

  private final Validator validator;

  public RuleValidator(Validator validator) {
    this.validator = validator;
  }

  @Override
  public RuleDraft read(ObjectNode body, FieldErrors errors) {
    JsonInput in = new JsonInput(body, "", errors, FIELDS);
    RuleParts.Header header = RuleParts.header(in, new RuleInput(), validator, errors);
    Match match = match(in.object("match", MATCH), errors);
    Strategy strategy = in.enumValue("strategy", Strategy.class);
    List<Route> routes = routes(in, errors);
    Schedule schedule = RuleParts.schedule(in);
    if (!errors.isEmpty()) {
      return null;
    }
    return new RuleDraft(
        header.name(),
        header.enabled(),
        header.priority(),
        match,
        strategy == null ? Strategy.PRIORITIZED : strategy,
        routes,
        schedule);
  }

  private static Match match(JsonInput m, FieldErrors errors) {
    if (m == null) {
      return new Match(List.of(), List.of(), null);
    }
    List<String> prefixes = m.strings("prefixes");
    if (prefixes != null) {
      for (int i = 0; i < prefixes.size(); i++) {
        if (!PREFIX.matcher(prefixes.get(i)).matches()) {
          errors.add("match.prefixes[" + i + "]", "must be 1-32 of 0-9 * # +");
        }
      }
    }
    List<Integer> lengths = m.integers("lengths");
    if (lengths != null) {
      for (int i = 0; i < lengths.size(); i++) {
        if (lengths.get(i) < 1 || lengths.get(i) > 32) {
          errors.add("match.lengths[" + i + "]", "must be between 1 and 32");
        }
      }
    }
    String callers = RuleParts.numberList(m, "callers", false);
    return new Match(
        prefixes == null ? List.of() : prefixes, lengths == null ? List.of() : lengths, callers);
  }

  private List<Route> routes(JsonInput in, FieldErrors errors) {
    List<JsonInput> items = in.objects("routes", ROUTE);
    if (items == null) {
      errors.add("routes", "is required (1-6 routes)");
      return List.of();
    }
    if (items.isEmpty() || items.size() > 6) {
      errors.add("routes", "must have 1-6 routes");
    }
    List<Route> out = new ArrayList<>();
    for (JsonInput r : items) {
      if (r != null) {
        out.add(route(r, errors));
      }
    }
    return out;
  }

  private Route route(JsonInput r, FieldErrors errors) {
    RouteInput route = RouteInput.read(r);
    DeclaredConstraints declared = DeclaredConstraints.check(validator, route);
    declared.reportAs("trunkId", r.path("trunkId"), errors);
    UUID trunkId = RuleParts.trunkId(route.trunkId, r.path("trunkId"), errors);
    RuleParts.Rewrite rewrite = RuleParts.rewrite(r, declared, route.stripDigits, route.prepend);
    declared.reportAs("callerId", r.path("callerId"), errors);
    declared.reportAs("weight", r.path("weight"), errors);
    return new Route(
        trunkId,
        rewrite.stripDigits(),
        rewrite.prepend(),
        route.callerId,
        route.weight == null ? 1 : route.weight);
  }
}
