package io.trunkline.config.domain.rule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trunkline.config.domain.json.JsonInput;
import io.trunkline.config.domain.rule.InboundRuleInput.DestinationInput;
import io.trunkline.config.domain.rule.InboundRuleView.Destination;
import io.trunkline.config.domain.rule.InboundRuleView.Match;
import io.trunkline.config.domain.rule.RuleView.Schedule;
import io.trunkline.config.domain.trunk.OwnSipAddresses;
import io.trunkline.config.domain.trunk.Transport;
import io.trunkline.config.domain.validation.DeclaredConstraints;
import io.trunkline.config.domain.validation.FieldErrors;
import io.trunkline.config.domain.validation.Syntax;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Reads and checks an inbound rule (calls from a trunk to the PBX), collecting every bad field. */
@ApplicationScoped
public class InboundRuleValidator implements DraftReader<InboundRuleDraft> {

  /** At most this many PBX destinations are tried, in order. */
  static final int MAX_DESTINATIONS = 3;

  private static final Set<String> FIELDS = RuleParts.fields("match", "destinations", "afterHours");
  private static final Set<String> MATCH = Set.of("trunkIds", "dids", "callers");
  private static final Set<String> DESTINATION =
      Set.of("host", "port", "transport", "stripDigits", "prepend");

  private final OwnSipAddresses ownAddresses;
  private final Validator validator;

  public InboundRuleValidator(OwnSipAddresses ownAddresses, Validator validator) {
    this.ownAddresses = ownAddresses;
    this.validator = validator;
  }

  @Override
  public InboundRuleDraft read(ObjectNode body, FieldErrors errors) {
    JsonInput in = new JsonInput(body, "", errors, FIELDS);
    RuleParts.Header header = RuleParts.header(in, new InboundRuleInput(), validator, errors);
    Match match = match(in.object("match", MATCH), errors);
    List<Destination> destinations = destinations(in, errors);
    Schedule schedule = RuleParts.schedule(in);
    JsonInput after = in.object("afterHours", DESTINATION);
    Destination afterHours = after == null ? null : destination(after);
    if (afterHours != null && schedule == null) {
      errors.add("afterHours", "needs a schedule: it is used when the schedule does not hold");
    }
    if (!errors.isEmpty()) {
      return null;
    }
    return new InboundRuleDraft(
        header.name(),
        header.enabled(),
        header.priority(),
        match,
        destinations,
        schedule,
        afterHours);
  }

  private static Match match(JsonInput m, FieldErrors errors) {
    if (m == null) {
      return new Match(List.of(), null, null);
    }
    List<UUID> trunkIds = new ArrayList<>();
    List<String> ids = m.strings("trunkIds");
    if (ids != null) {
      for (int i = 0; i < ids.size(); i++) {
        UUID id = RuleParts.trunkId(ids.get(i), "match.trunkIds[" + i + "]", errors);
        if (id != null && !trunkIds.contains(id)) {
          trunkIds.add(id);
        }
      }
    }
    return new Match(
        trunkIds, RuleParts.numberList(m, "dids", true), RuleParts.numberList(m, "callers", true));
  }

  private List<Destination> destinations(JsonInput in, FieldErrors errors) {
    List<JsonInput> items = in.objects("destinations", DESTINATION);
    if (items == null) {
      errors.add("destinations", "is required (1-" + MAX_DESTINATIONS + " PBX destinations)");
      return List.of();
    }
    if (items.isEmpty() || items.size() > MAX_DESTINATIONS) {
      errors.add("destinations", "must have 1-" + MAX_DESTINATIONS + " destinations");
    }
    List<Destination> out = new ArrayList<>();
    for (JsonInput d : items) {
      if (d != null) {
        out.add(destination(d));
      }
    }
    return out;
  }

  /** One PBX target; port defaults to 5060 (5061 with TLS), transport to UDP. */
  private Destination destination(JsonInput d) {
    FieldErrors errors = d.errors();
    DestinationInput dest = DestinationInput.read(d);
    DeclaredConstraints declared = DeclaredConstraints.check(validator, dest);
    String h = dest.host == null ? null : dest.host.trim();
    if (h == null || dest.host.isBlank()) {
      errors.add(d.path("host"), "is required");
    } else if (!Syntax.isHost(h)) {
      errors.add(d.path("host"), "must be a host name or an IP address");
    }
    Transport transport = dest.transport == null ? Transport.UDP : dest.transport;
    int port = dest.port == null ? (transport == Transport.TLS ? 5061 : 5060) : dest.port;
    declared.reportAs("port", d.path("port"), errors);
    RuleParts.Rewrite rewrite = RuleParts.rewrite(d, declared, dest.stripDigits, dest.prepend);
    if (h != null && !errors.has(d.path("host")) && ownAddresses.isOwn(h, port)) {
      errors.add(
          d.path("host"),
          h + ":" + port + " is call-routing's own SIP address: the call would loop back into it");
    }
    return new Destination(h, port, transport, rewrite.stripDigits(), rewrite.prepend());
  }
}
