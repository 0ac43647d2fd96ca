package io.trunkline.checks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads deploy/monitoring: the alert rules, the dashboards and their queries. */
final class Monitoring {

  static final Path DIR = Repo.path("deploy/monitoring");
  static final Path RULES = DIR.resolve("rules/trunkline-alerts.yml");
  static final Path DASHBOARDS = DIR.resolve("grafana/dashboards");

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final JsonMapper JSON = new JsonMapper();

  private Monitoring() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(String text) {
    return YAML.readValue(text, Map.class);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String text) {
    return JSON.readValue(text, Map.class);
  }

  static Map<String, Object> rules() {
    return yaml(Repo.read(RULES));
  }

  /** Every rule of every group. */
  static List<Map<String, Object>> ruleList() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object g : list(rules().get("groups"))) {
      for (Object r : list(Rendered.map(g).get("rules"))) {
        out.add(Rendered.map(r));
      }
    }
    return out;
  }

  static List<Path> dashboardFiles() {
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Map<String, Object> dashboard(Path file) {
    return json(Repo.read(file));
  }

  /** "dashboard / panel title" -> the panel's queries, in order. */
  static Map<String, List<String>> panelQueries(Path file) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Map<String, Object> d = dashboard(file);
    for (Object p : list(d.get("panels"))) {
      Map<String, Object> panel = Rendered.map(p);
      List<String> exprs = new ArrayList<>();
      for (Object t : list(panel.get("targets"))) {
        exprs.add(String.valueOf(Rendered.map(t).get("expr")));
      }
      out.put(d.get("title") + " / " + panel.get("title"), exprs);
    }
    return out;
  }

  static List<?> list(Object o) {
    return o instanceof List<?> l ? l : List.of();
  }
}
