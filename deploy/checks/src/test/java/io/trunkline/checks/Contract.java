package io.trunkline.checks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names the manifests, dashboards and alert rules must use: ports, topics and metrics as
 * docs/architecture.md documents them, environment as docs/contract.md does. They are written out
 * here (not parsed from the docs) so that a manifest check names what it expected; {@link
 * ContractTest} keeps this list and the documentation the same.
 */
final class Contract {

  private Contract() {}

  /** Service directory -> (Deployment name, HTTP port, SIP port or null), as documented. */
  record Service(String dir, String deployment, int httpPort, Integer sipPort) {}

  static final List<Service> SERVICES =
      List.of(
          new Service("trunk-config-service", "trunk-config", 8081, null),
          new Service("registration-service", "registration", 8082, 5070),
          new Service("call-routing-service", "call-routing", 8083, 5060));

  /** Topic -> cleanup policy: state topics are compacted, call events deleted. */
  static final Map<String, String> TOPICS = new LinkedHashMap<>();

  static {
    TOPICS.put("trunk.config.v1", "compact");
    TOPICS.put("routing.rules.v1", "compact");
    TOPICS.put("inbound.rules.v1", "compact");
    TOPICS.put("trunk.status.v1", "compact");
    TOPICS.put("call.events.v1", "delete");
  }

  /** call.events.v1 is kept 7 days, then deleted (the documented retention). */
  static final long CALL_EVENTS_RETENTION_MS = 7L * 24 * 3600 * 1000;

  /** The documented metric names the dashboards and rules must use. */
  static final Set<String> DOCUMENTED_METRICS =
      Set.of(
          "trunk_registration_state",
          "trunk_reachability",
          "trunk_registrations_total",
          "trunk_options_rtt_seconds",
          "trunk_active_calls",
          "trunk_calls_total",
          "routing_decision_seconds",
          "sip_rejected_total",
          "config_outbox_pending");

  /** The media relay's documented metrics (call-routing with anchored trunks). */
  static final Set<String> MEDIA_METRICS =
      Set.of("media_sessions_active", "media_offer_seconds", "media_errors_total");

  /** The histograms: their _bucket, _sum and _count series are what is scraped. */
  static final Set<String> HISTOGRAMS = Set.of("routing_decision_seconds", "media_offer_seconds");

  /**
   * Metrics a service exports beyond the documented ones (trunk-config's in
   * trunk-config-service/docs/choices.md, call-routing's in call-routing-service/docs/choices.md)
   * that rules and panels may use: parked outbox records (trunk-config), which media relay instance
   * answers, which trunks a circuit breaker holds back and how many trunk records carried a
   * password bound to another trunk (call-routing).
   */
  static final Set<String> SERVICE_METRICS =
      Set.of(
          "config_outbox_parked",
          "media_relay_up",
          "trunk_circuit_open",
          "trunk_secrets_refused_total");

  /** Metrics of Quarkus/Micrometer/Kafka clients/Prometheus that rules and panels may use. */
  static final Set<String> KNOWN_PLATFORM_METRICS =
      Set.of(
          "up",
          "http_server_requests_seconds_count",
          "http_server_requests_seconds_sum",
          "http_server_requests_seconds_bucket",
          "kafka_consumer_fetch_manager_records_lag_max",
          "kafka_consumer_fetch_manager_records_consumed_total",
          "process_cpu_usage",
          "jvm_memory_used_bytes");

  /** Health paths every service offers (Quarkus SmallRye Health, as documented). */
  static final String LIVE = "/q/health/live";

  static final String READY = "/q/health/ready";
  static final String METRICS = "/q/metrics";

  /** docs/contract.md: environment variables every service reads. */
  static final Set<String> COMMON_ENV =
      Set.of("TRUNKLINE_API_KEYS", "TRUNKLINE_SECRETS_ENCRYPTION_KEY", "KAFKA_BOOTSTRAP_SERVERS");

  /** Environment a service needs besides the common one. */
  static Set<String> serviceEnv(String deployment) {
    return switch (deployment) {
      case "trunk-config" ->
          Set.of(
              "QUARKUS_DATASOURCE_USERNAME",
              "QUARKUS_DATASOURCE_PASSWORD",
              "QUARKUS_DATASOURCE_JDBC_URL",
              "QUARKUS_DATASOURCE_REACTIVE_URL");
      case "registration" -> Set.of("TRUNKLINE_SIP_PORT", "TRUNKLINE_REGISTRATION_CONTACT_URI");
      case "call-routing" ->
          Set.of("TRUNKLINE_SIP_PORT", "TRUNKLINE_ROUTING_PBX_CIDRS", "TRUNKLINE_MEDIA_INSTANCES");
      default -> Set.of();
    };
  }
}
