package io.trunkline.config.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.config.domain.rule.RuleDraft;
import io.trunkline.config.domain.rule.RuleView;
import io.trunkline.config.domain.rule.RuleView.Match;
import io.trunkline.config.domain.rule.RuleView.Route;
import io.trunkline.config.domain.rule.RuleView.Schedule;
import io.trunkline.config.domain.rule.Strategy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.List;

/** A stored outbound rule; its nested parts are JSON text (see V1 migration). */
@Entity
@Table(name = "outbound_rule")
public class RuleEntity extends RuleRow implements StoredRule<RuleView, RuleDraft> {

  @Enumerated(EnumType.STRING)
  public Strategy strategy;

  @Column(name = "routes_json")
  public String routesJson;

  @Override
  public void apply(RuleDraft draft, ObjectMapper mapper) {
    applyCommon(
        draft.name(), draft.enabled(), draft.priority(), draft.match(), draft.schedule(), mapper);
    strategy = draft.strategy();
    routesJson = StoredJson.write(mapper, draft.routes());
    trunkIds = StoredJson.idList(draft.trunkIds());
  }

  @Override
  public RuleView toView(ObjectMapper mapper) {
    RuleDraft rule =
        new RuleDraft(
            name,
            enabled,
            priority,
            StoredJson.read(mapper, this, matchJson, Match.class),
            strategy,
            List.of(StoredJson.read(mapper, this, routesJson, Route[].class)),
            StoredJson.read(mapper, this, scheduleJson, Schedule.class));
    return new RuleView(id, rule, version, createdAt, updatedAt);
  }
}
