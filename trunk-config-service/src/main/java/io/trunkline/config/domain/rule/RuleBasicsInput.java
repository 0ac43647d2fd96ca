package io.trunkline.config.domain.rule;

import io.trunkline.config.domain.rule.RuleView.Schedule;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request fields every rule kind has (documentation of the request bodies). */
public abstract class RuleBasicsInput {

  @Schema(required = true, pattern = "[A-Za-z0-9._-]{1,64}", example = "uk-international")
  public String name;

  @Schema(defaultValue = "true")
  public Boolean enabled;

  @Schema(defaultValue = "1000", minimum = "0", description = "Lower wins")
  public Integer priority;

  @Schema(description = "Optional: the rule applies only inside it")
  public Schedule schedule;
}
