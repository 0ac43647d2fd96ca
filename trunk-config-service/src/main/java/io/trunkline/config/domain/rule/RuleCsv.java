package io.trunkline.config.domain.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trunkline.config.domain.validation.FieldErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one CSV row of a rule import into the JSON object a single rule creation takes, so that
 * both are checked by {@link RuleValidator} alone. The header names the fields by their JSON paths
 * ({@code name}, {@code match.prefixes}, {@code routes[0].trunkId}); list fields hold their items
 * separated by spaces; an empty cell leaves the field out. Numbers and booleans that do not parse
 * stay text, so the validator reports them like a wrong JSON type.
 */
public final class RuleCsv {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern ROUTE = Pattern.compile("routes\\[([0-5])]\\.(\\w+)");
  private static final Set<String> NUMBERS =
      Set.of("priority", "stripDigits", "weight", "match.lengths");
  private static final Set<String> LISTS = Set.of("match.prefixes", "match.lengths");

  private final List<String> columns;

  private RuleCsv(List<String> columns) {
    this.columns = columns;
  }

  /** The header row; a column that names no rule field is reported and the import refused. */
  public static RuleCsv header(String line, FieldErrors errors) {
    List<String> columns = new ArrayList<>();
    for (String c : cells(line, errors, "header")) {
      String name = c.trim();
      if (!known(name)) {
        errors.add("header." + name, "names no outbound rule field");
      }
      columns.add(name);
    }
    return new RuleCsv(columns);
  }

  /** One data row as a rule body; cell count or quoting problems go to {@code errors}. */
  public ObjectNode row(String line, FieldErrors errors) {
    List<String> cells = cells(line, errors, "row");
    if (cells.size() != columns.size()) {
      errors.add("row", "has " + cells.size() + " cells, the header " + columns.size());
    }
    ObjectNode rule = NODES.objectNode();
    for (int i = 0; i < Math.min(cells.size(), columns.size()); i++) {
      String value = cells.get(i).trim();
      if (!value.isEmpty()) {
        put(rule, columns.get(i), value);
      }
    }
    return rule;
  }

  private static boolean known(String column) {
    if (column.startsWith("match.")) {
      return Set.of("match.prefixes", "match.lengths", "match.callers").contains(column);
    }
    Matcher route = ROUTE.matcher(column);
    if (route.matches()) {
      return Set.of("trunkId", "stripDigits", "prepend", "callerId", "weight")
          .contains(route.group(2));
    }
    return Set.of("name", "enabled", "priority", "strategy").contains(column);
  }

  private static void put(ObjectNode rule, String column, String value) {
    Matcher route = ROUTE.matcher(column);
    if (route.matches()) {
      ArrayNode routes = rule.withArray("routes");
      int index = Integer.parseInt(route.group(1));
      while (routes.size() <= index) {
        routes.addObject();
      }
      String field = route.group(2);
      ((ObjectNode) routes.get(index)).set(field, scalar(field, value));
    } else if (LISTS.contains(column)) {
      ArrayNode list = rule.withObject("/match").putArray(column.substring(6));
      for (String item : value.split("\\s+")) {
        list.add(scalar(column, item));
      }
    } else if (column.startsWith("match.")) {
      rule.withObject("/match").put(column.substring(6), value);
    } else {
      rule.set(column, scalar(column, value));
    }
  }

  private static JsonNode scalar(String field, String value) {
    if (NUMBERS.contains(field) && value.matches("-?[0-9]{1,9}")) {
      return NODES.numberNode(Integer.parseInt(value));
    }
    if (field.equals("enabled") && (value.equals("true") || value.equals("false"))) {
      return NODES.booleanNode(Boolean.parseBoolean(value));
    }
    return NODES.textNode(value);
  }

  /** RFC 4180 cells of one line: commas separate, double quotes quote, "" is a quote. */
  static List<String> cells(String line, FieldErrors errors, String what) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    if (quoted) {
      errors.add(what, "has an unclosed quote");
    }
    cells.add(cell.toString());
    return cells;
  }
}
