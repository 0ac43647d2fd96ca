package io.trunkline.routing.sip;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.trunkline.platform.sip.config.AdvertisedSipConfig;
import io.trunkline.platform.tls.config.SipTlsConfig;
import io.trunkline.routing.config.DomainBeans;
import io.trunkline.routing.config.RoutingConfig;
import io.trunkline.routing.service.CallEvents;
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
import java.util.Map;

/**
 * A call-routing assembled by hand, outside CDI: the same SIP adapter, B2BUA, resolver and guards
 * as the service, on a Vert.x, a state store, a meter registry and an event sink that the caller
 * gives, configured from {@code trunkline.*} properties alone. Being separate instances of the same
 * classes, it runs the service's code without touching the service's state, metrics or events: the
 * start-up warm-up drives it, and tests use it as a second cluster.
 */
public final class HandWiredRouter implements AutoCloseable {

  private final TrunkUsage usage;
  private final B2buaService b2bua;
  private final SipStackPort sip;

  /**
   * Starts it on a free or given SIP port; {@code properties} are {@code trunkline.*} keys (the
   * topics' names must be among them, though nothing is consumed) on top of the mappings' defaults.
   */
  public HandWiredRouter(
      Map<String, String> properties,
      StateStore store,
      Vertx vertx,
      MeterRegistry registry,
      CallEvents events)
      throws Exception {
    SmallRyeConfig c =
        new SmallRyeConfigBuilder()
            .withMapping(RoutingConfig.class)
            .withMapping(AdvertisedSipConfig.class)
            .withMapping(SipTlsConfig.class)
            .withSources(new PropertiesConfigSource(properties, "hand-wired-router", 500))
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
            events,
            () -> sipPort[0],
            store,
            DomainBeans.newCallTimers(config),
            DomainBeans.newLoopGuard(config),
            DomainBeans.newCallRateCeiling(config),
            breakers,
            (id, caller, callee) -> {
              throw new IllegalStateException("a hand-wired router anchors no media");
            },
            inbound);
    CallAdmission admission =
        new CallAdmission(classifier, metrics, events, DomainBeans.newAdmissionSettings(config));
    sip =
        new SipStackPort(
            config,
            c.getConfigMapping(AdvertisedSipConfig.class),
            c.getConfigMapping(SipTlsConfig.class),
            b2bua,
            admission,
            metrics,
            own,
            vertx,
            registry);
    sipPort[0] = sip;
    sip.onStart(null);
  }

  /** Its SIP port (UDP and TCP). */
  public int port() {
    return sip.port();
  }

  /** Its per-trunk usage (calls in progress, attempts per second). */
  public TrunkUsage usage() {
    return usage;
  }

  /** Calls its B2BUA holds now. */
  public int activeCalls() {
    return b2bua.activeCalls();
  }

  /** Call legs its SIP layer still holds. */
  public int dialogs() {
    return sip.dialogs();
  }

  /** Closes its SIP sockets and the B2BUA's timer thread (the Vert.x stays the caller's). */
  @Override
  public void close() {
    sip.onStop(null);
    b2bua.stop();
  }
}
