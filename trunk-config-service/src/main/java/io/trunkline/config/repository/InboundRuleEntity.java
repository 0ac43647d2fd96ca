package io.trunkline.config.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.config.domain.rule.InboundRuleDraft;
import io.trunkline.config.domain.rule.InboundRuleView;
import io.trunkline.config.domain.rule.InboundRuleView.Destination;
import io.trunkline.config.domain.rule.InboundRuleView.Match;
import io.trunkline.config.domain.rule.RuleView.Schedule;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;

/** A stored inbound rule; its nested parts are JSON text (see V4 migration). */
@Entity
@Table(name = "inbound_rule")
public class InboundRuleEntity extends RuleRow
    implements StoredRule<InboundRuleView, InboundRuleDraft> {

  @Column(name = "destinations_json")
  public String destinationsJson;

  @Column(name = "after_hours_json")
  public String afterHoursJson;

  @Override
  public void apply(InboundRuleDraft draft, ObjectMapper mapper) {
    applyCommon(
        draft.name(), draft.enabled(), draft.priority(), draft.match(), draft.schedule(), mapper);
    trunkIds = StoredJson.idList(draft.match().trunkIds());
    destinationsJson = StoredJson.write(mapper, draft.destinations());
    afterHoursJson =
        draft.afterHours() == null ? null : StoredJson.write(mapper, draft.afterHours());
  }

  @Override
  public InboundRuleView toView(ObjectMapper mapper) {
    InboundRuleDraft rule =
        new InboundRuleDraft(
            name,
            enabled,
            priority,
            StoredJson.read(mapper, this, matchJson, Match.class),
            List.of(StoredJson.read(mapper, this, destinationsJson, Destination[].class)),
            StoredJson.read(mapper, this, scheduleJson, Schedule.class),
            StoredJson.read(mapper, this, afterHoursJson, Destination.class));
    return new InboundRuleView(id, rule, version, createdAt, updatedAt);
  }
}
