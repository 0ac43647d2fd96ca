package io.trunkline.config.domain.rule;

import io.trunkline.config.domain.json.JsonInput;
import io.trunkline.config.domain.rule.RuleView.Schedule;
import io.trunkline.config.domain.validation.Syntax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The request fields every rule kind has. Their plain constraints are declared here; the schedule
 * is read and checked by {@link RuleParts}.
 */
public abstract class RuleBasicsInput {

  /** The rewrite's prefix: what may be put before a number. */
  static final String PREPEND_PATTERN = "[0-9*#+]{0,32}";

  static final String PREPEND_MESSAGE = "must be up to 32 of 0-9 * # +";

  @NotNull(message = "is required")
  @Pattern(regexp = Syntax.NAME_PATTERN, message = Syntax.NAME_MESSAGE)
  @Schema(required = true, pattern = Syntax.NAME_PATTERN, example = "uk-international")
  public String name;

  @Schema(defaultValue = "true")
  public Boolean enabled;

  @PositiveOrZero(message = "must be 0 or more")
  @Schema(defaultValue = "1000", minimum = "0", description = "Lower wins")
  public Integer priority;

  @Schema(description = "Optional: the rule applies only inside it")
  public Schedule schedule;

  /** Reads name, enabled and priority; wrong types go to the request's errors. */
  void readBasics(JsonInput in) {
    name = in.string("name");
    enabled = in.bool("enabled");
    priority = in.integer("priority");
  }
}
