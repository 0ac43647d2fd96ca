package io.trunkline.config.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trunkline.config.domain.error.InvalidRequestException;
import io.trunkline.config.domain.rule.RuleCsv;
import io.trunkline.config.domain.rule.RuleDraft;
import io.trunkline.config.domain.rule.RuleValidator;
import io.trunkline.config.domain.validation.FieldErrors;
import io.trunkline.config.event.OutboxRelay;
import io.trunkline.config.event.OutboxWriter;
import io.trunkline.config.repository.RuleBulkRows;
import io.trunkline.config.repository.RuleBulkRows.NewRule;
import io.trunkline.config.repository.RuleEntity;
import io.trunkline.config.repository.VersionedRow;
import io.trunkline.config.settings.RuleImportConfig;
import io.trunkline.platform.problem.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Imports many outbound rules at once (a carrier's rate deck), all or nothing. Every line is read
 * by the same {@link RuleValidator} a single rule creation uses; unknown trunks and taken names are
 * checked against the database inside the import's transaction. Each bad line is reported by its
 * line number ({@code lines[7].routes[0].trunkId}); one bad line and nothing is stored. Each rule
 * gets its own record on its topic, exactly as if it had been created alone, so consumers need no
 * second format.
 */
@ApplicationScoped
public class RuleImport {

  /** The formats an import body may have. */
  public enum Format {
    /** One JSON rule object per line. */
    NDJSON,
    /** A header row of field paths, then one rule per row. */
    CSV
  }

  /** A line that passed the field checks, with its line number for later database findings. */
  private record Line(int number, RuleDraft draft) {}

  private final RuleValidator checks;
  private final RuleBulkRows rows;
  private final OutboxWriter outbox;
  private final OutboxRelay relay;
  private final ObjectMapper mapper;
  private final RuleImportConfig config;

  public RuleImport(
      RuleValidator checks,
      RuleBulkRows rows,
      OutboxWriter outbox,
      OutboxRelay relay,
      ObjectMapper mapper,
      RuleImportConfig config) {
    this.checks = checks;
    this.rows = rows;
    this.outbox = outbox;
    this.relay = relay;
    this.mapper = mapper;
    this.config = config;
  }

  /** Stores every rule of the body and returns how many; blocks (call it on a worker thread). */
  public int importRules(String body, Format format) {
    List<FieldError> problems = new ArrayList<>();
    List<Line> lines = read(body, format, problems);
    if (lines.size() > config.maxRules()) {
      throw new InvalidRequestException(
          "body", "has " + lines.size() + " rules, at most " + config.maxRules() + " are allowed");
    }
    Map<String, Integer> firstLineOfName = new HashMap<>();
    Set<UUID> trunkIds = new LinkedHashSet<>();
    for (Line line : lines) {
      Integer earlier = firstLineOfName.putIfAbsent(line.draft().name(), line.number());
      if (earlier != null) {
        problems.add(
            new FieldError(
                at(line.number(), "name"), "is the name of line " + earlier + " already"));
      }
      trunkIds.addAll(line.draft().trunkIds());
    }
    // The database checks run even when some lines are already bad, so that one answer lists
    // every bad line; nothing is inserted then.
    Instant now = VersionedRow.now();
    int stored =
        rows.importAll(
            trunkIds,
            firstLineOfName.keySet(),
            (known, taken) -> {
              checkAgainstDatabase(lines, known, taken, problems);
              failIfAny(problems);
              return lines.stream().map(l -> newRule(l.draft(), now)).toList();
            });
    relay.wakeUp();
    return stored;
  }

  private List<Line> read(String body, Format format, List<FieldError> problems) {
    if (body == null || body.isBlank()) {
      throw new InvalidRequestException("body", "is required: one rule per line");
    }
    String[] text = body.split("\r?\n", -1);
    List<Line> lines = new ArrayList<>();
    RuleCsv csv = null;
    for (int i = 0; i < text.length; i++) {
      int number = i + 1;
      if (text[i].isBlank()) {
        continue;
      }
      FieldErrors errors = new FieldErrors();
      if (format == Format.CSV && csv == null) {
        csv = RuleCsv.header(text[i], errors);
        collect(number, errors, problems);
        failIfAny(problems);
        continue;
      }
      ObjectNode rule = format == Format.CSV ? csv.row(text[i], errors) : json(text[i], errors);
      RuleDraft draft = rule == null ? null : checks.read(rule, errors);
      if (errors.isEmpty()) {
        lines.add(new Line(number, draft));
      }
      collect(number, errors, problems);
    }
    if (lines.isEmpty() && problems.isEmpty()) {
      throw new InvalidRequestException("body", "holds no rules");
    }
    return lines;
  }

  private ObjectNode json(String line, FieldErrors errors) {
    JsonNode node;
    try {
      node = mapper.readTree(line);
    } catch (JsonProcessingException e) {
      // The column only: the parser's message could echo the line.
      errors.add("line", "is not valid JSON (column " + e.getLocation().getColumnNr() + ")");
      return null;
    }
    if (node == null || !node.isObject()) {
      errors.add("line", "must be a JSON object");
      return null;
    }
    return (ObjectNode) node;
  }

  private static void checkAgainstDatabase(
      List<Line> lines, Set<UUID> known, Set<String> taken, List<FieldError> problems) {
    for (Line line : lines) {
      if (taken.contains(line.draft().name())) {
        problems.add(
            new FieldError(at(line.number(), "name"), "an outbound rule with this name exists"));
      }
      line.draft()
          .trunkReferences()
          .forEach(
              (path, id) -> {
                if (!known.contains(id)) {
                  problems.add(new FieldError(at(line.number(), path), "no trunk with this id"));
                }
              });
    }
  }

  private NewRule newRule(RuleDraft draft, Instant now) {
    RuleEntity rule = new RuleEntity();
    rule.apply(draft, mapper);
    rule.id = UUID.randomUUID();
    rule.stampNew(now);
    return new NewRule(rule, outbox.ruleTopic(), outbox.ruleRecord(rule.toView(mapper)));
  }

  private static void collect(int number, FieldErrors errors, List<FieldError> problems) {
    for (FieldError e : errors.list()) {
      problems.add(new FieldError(at(number, e.field()), e.message()));
    }
  }

  private static String at(int line, String field) {
    return "lines[" + line + "]." + field;
  }

  /** One 400 for every bad line, listing a bounded number of them. */
  private void failIfAny(List<FieldError> problems) {
    if (problems.isEmpty()) {
      return;
    }
    int max = config.maxListedErrors();
    if (problems.size() <= max) {
      throw new InvalidRequestException(List.copyOf(problems));
    }
    List<FieldError> listed = new ArrayList<>(problems.subList(0, max));
    listed.add(new FieldError("lines", (problems.size() - max) + " more problems not listed"));
    throw new InvalidRequestException(listed);
  }
}
