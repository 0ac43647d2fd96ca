package io.trunkline.routing.sip;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.trunkline.platform.sip.config.AdvertisedSipConfig;
import io.trunkline.platform.tls.config.SipTlsConfig;
import io.trunkline.routing.StateFeeder;
import io.trunkline.routing.config.DomainBeans;
import io.trunkline.routing.config.RoutingConfig;
import io.trunkline.routing.service.CallMetrics;
import io.trunkline.routing.service.OwnSipAddresses;
import io.trunkline.routing.service.PbxCidrClassifier;
import io.trunkline.routing.service.RouteResolver;
import io.trunkline.routing.service.StateStore;
import io.trunkline.routing.service.TrunkBreakers;
import io.trunkline.routing.service.TrunkUsage;
import io.trunkline.routing.service.call.B2buaService;
import io.trunkline.routing.service.call.CallAdmission;
import io.trunkline.routing.service.inbound.ContactTokens;
import io.trunkline.routing.service.inbound.InboundResolver;
import io.trunkline.routing.service.inbound.InboundRouting;
import io.trunkline.routing.service.inbound.InboundRuleStore;
import io.trunkline.routing.service.inbound.TrunkAddressBook;
import io.trunkline.routing.service.inbound.TrunkIdentifier;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second call-routing in the test's JVM: the same SIP adapter, B2BUA, resolver and guards as the
 * service under test, on its own Vert.x and its own free SIP port, wired by hand from its own
 * configuration. Its routing state comes from the same contract JSON the topics carry, given
 * directly (a second Kafka consumer would add only start-up time). It stands for another Trunkline
 * cluster.
 */
final class SecondRouter implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  final MeterRegistry registry = new SimpleMeterRegistry();
  final StateStore store = new StateStore(StateFeeder.keyRing(), new ObjectMapper());
  final TrunkUsage usage;
  final B2buaService b2bua;
  final SipStackPort sip;

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
    SmallRyeConfig c =
        new SmallRyeConfigBuilder()
            .withMapping(RoutingConfig.class)
            .withMapping(AdvertisedSipConfig.class)
            .withMapping(SipTlsConfig.class)
            .withSources(new PropertiesConfigSource(p, "second-router", 500))
            .withConverter(Duration.class, 200, new DurationConverter())
            .build();
    RoutingConfig config = c.getConfigMapping(RoutingConfig.class);
    usage = DomainBeans.newTrunkUsage(config);
    TrunkBreakers breakers = DomainBeans.newTrunkBreakers(config);
    OwnSipAddresses own = DomainBeans.newOwnSipAddresses(config);
    CallMetrics metrics = new CallMetrics(registry, usage, breakers);
    SipStackPort[] sipPort = new SipStackPort[1];
    PbxCidrClassifier classifier =
        new PbxCidrClassifier(DomainBeans.newPbxCidrs(config), new TrunkAddressBook(store));
    InboundRouting inbound =
        new InboundRouting(
            classifier,
            new TrunkIdentifier(new TrunkAddressBook(store), ContactTokens.NONE),
            new InboundResolver(new InboundRuleStore(new ObjectMapper()), usage, own, breakers),
            store);
    b2bua =
        new B2buaService(
            new RouteResolver(store, usage, own, breakers),
            usage,
            metrics,
            event -> {},
            () -> sipPort[0],
            store,
            DomainBeans.newCallTimers(config),
            DomainBeans.newLoopGuard(config),
            DomainBeans.newCallRateCeiling(config),
            breakers,
            (id, caller, callee) -> {
              throw new IllegalStateException("the second router anchors no media");
            },
            inbound);
    CallAdmission admission =
        new CallAdmission(
            classifier, metrics, event -> {}, DomainBeans.newAdmissionSettings(config));
    AdvertisedSipConfig advertised = c.getConfigMapping(AdvertisedSipConfig.class);
    sip =
        new SipStackPort(
            config,
            advertised,
            c.getConfigMapping(SipTlsConfig.class),
            b2bua,
            admission,
            metrics,
            own,
            vertx,
            registry);
    sipPort[0] = sip;
    sip.onStart(null);
    store.markLoaded();
  }

  /** Its SIP port (UDP and TCP on 127.0.0.1). */
  int port() {
    return sip.port();
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
    sip.onStop(null);
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
