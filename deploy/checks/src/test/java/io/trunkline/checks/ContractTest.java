package io.trunkline.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The names in {@link Contract}, which the manifests and dashboards are checked against, are the
 * ones docs/architecture.md documents: its ports, topics and metrics tables and the health paths.
 * The repository documents its own contract, so a renamed topic or metric must change the
 * documentation and these names together.
 */
class ContractTest {

  private final String architecture = Repo.read(Repo.path("docs/architecture.md"));

  @Test
  void topicsAndPoliciesAreTheDocumentedOnes() {
    Map<String, String> topics = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("(?m)^\\| `([a-z.]+\\.v\\d+)` \\|.*\\| (compact|delete)[^|]*\\|\\s*$")
            .matcher(architecture);
    while (m.find()) {
      topics.put(m.group(1), m.group(2));
    }
    assertThat(topics).isEqualTo(Contract.TOPICS);
    assertThat(architecture)
        .contains("delete, " + Contract.CALL_EVENTS_RETENTION_MS / 86_400_000 + " days");
  }

  @Test
  void healthAndMetricsPathsAreTheDocumentedOnes() {
    String ports = architecture.split("## Ports")[1].split("\n## ")[0];
    assertThat(ports)
        .contains(
            "`" + Contract.LIVE + "`", "`" + Contract.READY + "`", "`" + Contract.METRICS + "`");
  }

  @Test
  void metricNamesAreTheDocumentedOnes() {
    String section = architecture.split("## Metrics")[1].split("\n## ")[0];
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("`([a-z_]+)(\\{[^}]*})?`").matcher(section);
    while (m.find()) {
      if (!m.group(1).startsWith("media_")) {
        names.add(m.group(1));
      }
    }
    assertThat(names).containsExactlyInAnyOrderElementsOf(Contract.DOCUMENTED_METRICS);
  }

  @Test
  void mediaMetricNamesAreTheDocumentedOnes() {
    String section = architecture.split("## Metrics")[1].split("\n## ")[0];
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("`(media_[a-z_]+)(\\{[^}]*})?`").matcher(section);
    while (m.find()) {
      names.add(m.group(1));
    }
    assertThat(names).containsExactlyInAnyOrderElementsOf(Contract.MEDIA_METRICS);
  }

  @Test
  void portsAreTheDocumentedOnes() {
    for (Contract.Service s : Contract.SERVICES) {
      String sip = s.sipPort() == null ? "–" : s.sipPort() + " (UDP and TCP)";
      assertThat(architecture).contains("| " + s.dir() + " | " + s.httpPort() + " | " + sip + " |");
    }
  }
}
