package io.trunkline.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Static checks of deploy/monitoring, so that a misspelt metric fails the build instead of leaving
 * an alert that never fires: the rules and dashboards parse, every metric they use is a documented
 * one or a known platform metric, the required alerts and panels exist, and the Kubernetes copies
 * are the same.
 */
class MonitoringFilesTest {

  @Test
  void theRequiredAlertsExistWithExpressionsDurationsAndText() {
    Map<String, Map<String, Object>> alerts = new java.util.HashMap<>();
    for (Map<String, Object> rule : Monitoring.ruleList()) {
      assertThat(rule).containsKeys("alert", "expr", "for", "labels", "annotations");
      assertThat(Rendered.map(rule.get("labels"))).containsKey("severity");
      assertThat(Rendered.map(rule.get("annotations"))).containsKeys("summary", "description");
      alerts.put(String.valueOf(rule.get("alert")), rule);
    }
    assertThat(alerts)
        .containsKeys(
            "TrunkRegistrationFailed",
            "TrunkDown",
            "TrunkFailoverRateHigh",
            "SipEdgeUnderAttack",
            "ConfigOutboxPendingGrowing",
            "KafkaConsumerLagHigh",
            "MediaRelayDown");
    assertThat(alerts.get("TrunkRegistrationFailed").get("for")).isEqualTo("2m");
    assertThat(PromQl.metrics(String.valueOf(alerts.get("TrunkRegistrationFailed").get("expr"))))
        .contains("trunk_registration_state");
    assertThat(PromQl.metrics(String.valueOf(alerts.get("TrunkDown").get("expr"))))
        .containsExactly("trunk_reachability");
    assertThat(PromQl.metrics(String.valueOf(alerts.get("TrunkFailoverRateHigh").get("expr"))))
        .containsExactly("trunk_calls_total");
    assertThat(PromQl.metrics(String.valueOf(alerts.get("ConfigOutboxPendingGrowing").get("expr"))))
        .containsExactly("config_outbox_pending");
    assertThat(PromQl.metrics(String.valueOf(alerts.get("MediaRelayDown").get("expr"))))
        .containsExactly("media_relay_up");
  }

  @Test
  void everyMetricInTheRulesAndDashboardsIsADesignOrKnownMetric() {
    Set<String> unknown = new TreeSet<>();
    for (Map<String, Object> rule : Monitoring.ruleList()) {
      PromQl.metrics(String.valueOf(rule.get("expr"))).stream()
          .filter(n -> !PromQl.known(n))
          .forEach(n -> unknown.add(rule.get("alert") + ": " + n));
    }
    for (Path file : Monitoring.dashboardFiles()) {
      Monitoring.panelQueries(file)
          .forEach(
              (panel, exprs) ->
                  exprs.forEach(
                      e ->
                          PromQl.metrics(e).stream()
                              .filter(n -> !PromQl.known(n))
                              .forEach(n -> unknown.add(panel + ": " + n))));
    }
    assertThat(unknown).as("misspelt or unknown metrics").isEmpty();
  }

  /**
   * A rule matching a sip_rejected_total reason no service counts would never fire (the counter was
   * once labelled source_not_allowed where the documented reason is source): every reason a rule or
   * panel names must be a string constant of the SIP services' code.
   */
  @Test
  void theRejectionReasonsTheRulesMatchAreOnesTheServicesCount() throws Exception {
    StringBuilder code = new StringBuilder();
    for (String module : List.of("sip-stack", "call-routing-service", "registration-service")) {
      try (var files = java.nio.file.Files.walk(Repo.path(module + "/src/main/java"))) {
        for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
          code.append(Repo.read(f));
        }
      }
    }
    Set<String> reasons = new TreeSet<>();
    java.util.regex.Pattern p = java.util.regex.Pattern.compile("reason=~?\\\\?\"([^\"\\\\]+)");
    List<String> exprs = new java.util.ArrayList<>();
    Monitoring.ruleList().forEach(r -> exprs.add(String.valueOf(r.get("expr"))));
    for (Path file : Monitoring.dashboardFiles()) {
      Monitoring.panelQueries(file).values().forEach(exprs::addAll);
    }
    for (String e : exprs) {
      java.util.regex.Matcher m = p.matcher(e);
      while (m.find()) {
        reasons.addAll(List.of(m.group(1).split("\\|")));
      }
    }
    assertThat(reasons).contains("source", "rate");
    for (String r : reasons) {
      assertThat(code.toString()).as("a service counts reason " + r).contains("\"" + r + "\"");
    }
    assertThat(code.toString()).doesNotContain("source_not_allowed");
  }

  @Test
  void theMetricExtractionSeesThroughPromQlAndCatchesATypo() {
    assertThat(
            PromQl.metrics(
                "histogram_quantile(0.99, sum by (le) (rate(routing_decision_seconds_bucket"
                    + "{trunk=~\"$trunk\"}[$__rate_interval]))) > 1e3 and on (trunk) up"))
        .containsExactly("routing_decision_seconds_bucket", "up");
    assertThat(PromQl.metrics("sum(trunk_actve_calls)")).containsExactly("trunk_actve_calls");
    assertThat(PromQl.known("trunk_actve_calls")).isFalse();
    assertThat(PromQl.known("trunk_calls_total_bucket")).isFalse();
  }

  @Test
  void dashboardsAreValidGrafanaJsonCoveringEveryDesignMetric() {
    List<Path> files = Monitoring.dashboardFiles();
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder(
            "trunk-overview.json",
            "calls-per-trunk.json",
            "registration-events.json",
            "config-and-lag.json");
    Set<Object> uids = new HashSet<>();
    Set<String> used = new HashSet<>();
    for (Path file : files) {
      Map<String, Object> d = Monitoring.dashboard(file);
      assertThat(uids.add(d.get("uid"))).as(file + " uid unique").isTrue();
      assertThat(d).containsKeys("title", "panels", "schemaVersion", "templating");
      Set<Object> ids = new HashSet<>();
      for (Object p : Monitoring.list(d.get("panels"))) {
        Map<String, Object> panel = Rendered.map(p);
        assertThat(ids.add(panel.get("id"))).as(file + " panel id unique").isTrue();
        assertThat(Rendered.map(panel.get("gridPos"))).containsKeys("x", "y", "w", "h");
        assertThat(Rendered.map(panel.get("datasource"))).containsEntry("type", "prometheus");
        assertThat(Monitoring.list(panel.get("targets"))).as(panel.get("title") + "").isNotEmpty();
        for (Object t : Monitoring.list(panel.get("targets"))) {
          String expr = String.valueOf(Rendered.map(t).get("expr"));
          assertThat(expr).isNotBlank();
          PromQl.metrics(expr).forEach(n -> used.add(n.replaceAll("_(bucket|sum|count)$", "")));
        }
      }
    }
    assertThat(used).containsAll(Contract.DOCUMENTED_METRICS).containsAll(Contract.MEDIA_METRICS);
  }

  @Test
  void theScrapeConfigTargetsEveryServicesMetricsPort() {
    Map<String, Object> prom = Monitoring.yaml(Repo.read(Monitoring.DIR.resolve("prometheus.yml")));
    Set<String> targets = new HashSet<>();
    for (Object sc : Monitoring.list(prom.get("scrape_configs"))) {
      Map<String, Object> job = Rendered.map(sc);
      assertThat(job.get("metrics_path")).isEqualTo(Contract.METRICS);
      for (Object st : Monitoring.list(job.get("static_configs"))) {
        Monitoring.list(Rendered.map(st).get("targets")).forEach(t -> targets.add((String) t));
      }
    }
    for (Contract.Service s : Contract.SERVICES) {
      String port =
          Repo.configured(Repo.applicationProperties(s.dir()), "quarkus.http.port").orElseThrow();
      assertThat(targets).contains("localhost:" + port);
    }
    for (Object f : Monitoring.list(prom.get("rule_files"))) {
      assertThat(Monitoring.DIR.resolve((String) f)).exists();
    }
  }

  @Test
  void theKubernetesCopiesAreTheSameRulesAndDashboards() {
    Rendered r = Rendered.of("prod");
    var rule = r.custom("PrometheusRule").get(0);
    assertThat(Rendered.spec(rule).get("groups")).isEqualTo(Monitoring.rules().get("groups"));
    ConfigMap dashboards =
        r.all(ConfigMap.class).stream()
            .filter(c -> "1".equals(c.getMetadata().getLabels().get("grafana_dashboard")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Grafana dashboard ConfigMap"));
    assertThat(dashboards.getData()).hasSize(Monitoring.dashboardFiles().size());
    for (Path file : Monitoring.dashboardFiles()) {
      assertThat(dashboards.getData().get(file.getFileName().toString()))
          .as(file + " (run k8s/sync-monitoring.sh)")
          .isEqualTo(Repo.read(file));
    }
    var monitor = r.custom("ServiceMonitor").get(0);
    var endpoint = Rendered.map(Monitoring.list(Rendered.spec(monitor).get("endpoints")).get(0));
    assertThat(endpoint).containsEntry("path", Contract.METRICS).containsEntry("port", "http");
    var selector =
        Rendered.map(Rendered.map(Rendered.spec(monitor).get("selector")).get("matchLabels"));
    List<String> scraped =
        r.all(io.fabric8.kubernetes.api.model.Service.class).stream()
            .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
            .map(s -> s.getMetadata().getName())
            .toList();
    assertThat(scraped).containsExactlyInAnyOrder("trunk-config", "registration", "call-routing");
  }
}
