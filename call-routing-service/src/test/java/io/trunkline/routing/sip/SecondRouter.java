package io.trunkline.routing.sip;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trunkline.routing.StateFeeder;
import io.trunkline.routing.service.StateStore;
import io.trunkline.routing.service.TrunkUsage;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second call-routing in the test's JVM: a {@link HandWiredRouter} (the same SIP adapter, B2BUA,
 * resolver and guards as the service under test) on its own Vert.x and its own free SIP port. Its
 * routing state comes from the same contract JSON the topics carry, given directly (a second Kafka
 * consumer would add only start-up time). It stands for another Trunkline cluster.
 */
final class SecondRouter implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  final MeterRegistry registry = new SimpleMeterRegistry();
  final StateStore store = new StateStore(StateFeeder.keyRing(), new ObjectMapper());
  final HandWiredRouter router;
  final TrunkUsage usage;

  /** Starts it; overrides are {@code trunkline.*} keys on top of the test defaults. */
  SecondRouter(Map<String, String> overrides) throws Exception {
    Map<String, String> p = new HashMap<>();
    p.put("trunkline.secrets.encryption-key", StateFeeder.KEY);
    p.put("trunkline.sip.host", "127.0.0.1");
    p.put("trunkline.sip.port", "0");
    p.put("trunkline.sip.tls.listen", "false");
    p.put("trunkline.routing.pbx-cidrs", "127.0.0.1/32");
    p.put("trunkline.routing.no-provisional-timeout", "5s");
    p.put("trunkline.routing.final-answer-timeout", "5s");
    p.put("trunkline.topics.trunk-config", "unused");
    p.put("trunkline.topics.routing-rules", "unused");
    p.put("trunkline.topics.trunk-status", "unused");
    p.put("trunkline.topics.call-events", "unused");
    p.putAll(overrides);
    router = new HandWiredRouter(p, store, vertx, registry, event -> {});
    usage = router.usage();
    store.markLoaded();
  }

  /** Its SIP port (UDP and TCP on 127.0.0.1). */
  int port() {
    return router.port();
  }

  /** Takes a trunk and a rule as the topics would deliver them. */
  void apply(Map<String, Object> trunk, Map<String, Object> rule) throws Exception {
    ObjectMapper json = new ObjectMapper();
    store.applyTrunk((String) trunk.get("id"), json.writeValueAsString(trunk));
    store.applyRule((String) rule.get("id"), json.writeValueAsString(rule));
    store.publish();
  }

  /** Attempts it sent to a trunk, all outcomes. */
  double attempts(String trunkName) {
    return registry.find("trunk_calls").tag("trunk", trunkName).counters().stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count)
        .sum();
  }

  /** INVITEs it refused for a reason. */
  double rejected(String reason) {
    io.micrometer.core.instrument.Counter c =
        registry.find("sip_rejected").tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  @Override
  public void close() throws Exception {
    router.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
