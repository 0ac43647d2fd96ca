package io.trunkline.checks;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the metric names a PromQL expression (or a Grafana panel query) selects. Not a full parser:
 * label matchers, strings, ranges and grouping label lists are cut away first, then every
 * identifier that is not a function call, an aggregation or a keyword is a metric name.
 */
final class PromQl {

  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "inf",
          "nan",
          "sum",
          "min",
          "max",
          "avg",
          "count",
          "stddev",
          "stdvar",
          "topk",
          "bottomk",
          "quantile",
          "count_values",
          "group");

  private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private PromQl() {}

  static Set<String> metrics(String expr) {
    String e = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"|'(\\\\.|[^'\\\\])*'", "\"\"");
    e = e.replaceAll("\\{[^}]*}", " ");
    e = e.replaceAll("\\[[^]]*]", " ");
    e = e.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " $1 ");
    // Grafana variables outside of strings ($__interval, ${var}) are not metrics.
    e = e.replaceAll("\\$\\{?[A-Za-z_]+}?", " ");
    Set<String> names = new LinkedHashSet<>();
    Matcher m = IDENT.matcher(e);
    while (m.find()) {
      String id = m.group();
      int before = m.start() - 1;
      if (before >= 0 && (Character.isDigit(e.charAt(before)) || e.charAt(before) == '.')) {
        continue; // exponent or duration of a number, e.g. 1e3
      }
      String rest = e.substring(m.end()).stripLeading();
      if (rest.startsWith("(") || KEYWORDS.contains(id.toLowerCase())) {
        continue;
      }
      names.add(id);
    }
    return names;
  }

  /** Whether a name is a documented metric (histogram series included) or a known one. */
  static boolean known(String name) {
    if (Contract.DOCUMENTED_METRICS.contains(name)
        || Contract.MEDIA_METRICS.contains(name)
        || Contract.SERVICE_METRICS.contains(name)
        || Contract.KNOWN_PLATFORM_METRICS.contains(name)) {
      return true;
    }
    for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
      if (name.endsWith(suffix)
          && Contract.HISTOGRAMS.contains(name.substring(0, name.length() - suffix.length()))) {
        return true;
      }
    }
    return false;
  }
}
