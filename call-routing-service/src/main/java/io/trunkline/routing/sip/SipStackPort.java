package io.trunkline.routing.sip;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.platform.sip.config.AdvertisedSipConfig;
import io.trunkline.platform.tls.config.SipTlsConfig;
import io.trunkline.routing.config.RoutingConfig;
import io.trunkline.routing.service.CallMetrics;
import io.trunkline.routing.service.OwnSipAddresses;
import io.trunkline.routing.service.call.CallAdmission;
import io.trunkline.routing.service.call.InviteHandler;
import io.trunkline.routing.service.call.SipPort;
import io.trunkline.routing.service.call.TrunkInvite;
import io.trunkline.routing.service.call.TrunkLeg;
import io.trunkline.sip.SipLimits;
import io.trunkline.sip.SipStack;
import io.trunkline.sip.SipStackOptions;
import io.trunkline.sip.SipTimers;
import io.trunkline.sip.Transport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Owns the SIP stack's lifecycle (UDP and TCP on trunkline.sip.host:port, on Quarkus' Vert.x) and
 * is the service's {@link SipPort}. The stack runs every SIP callback on one event loop, so
 * trunkline.sip.threads no longer applies.
 */
@ApplicationScoped
public class SipStackPort implements SipPort {

  private static final Logger LOG = Logger.getLogger(SipStackPort.class);

  /** Binding two local sockets takes milliseconds; this only bounds a hung start. */
  private static final long START_TIMEOUT_SECONDS = 30;

  private static final long STOP_TIMEOUT_SECONDS = 5;

  private final RoutingConfig config;
  private final AdvertisedAddresses advertised;
  private final SipTlsConfig tlsConfig;
  private final OwnSipAddresses ownAddresses;
  private final SipContext ctx;
  private final CallAdmission admission;
  private volatile SipStack stack;

  public SipStackPort(
      RoutingConfig config,
      AdvertisedSipConfig advertisedConfig,
      SipTlsConfig tlsConfig,
      InviteHandler handler,
      CallAdmission admission,
      CallMetrics metrics,
      OwnSipAddresses ownAddresses,
      Vertx vertx,
      MeterRegistry registry) {
    this.config = config;
    this.advertised = new AdvertisedAddresses(advertisedConfig);
    this.tlsConfig = tlsConfig;
    this.ownAddresses = ownAddresses;
    this.ctx = new SipContext(vertx, handler, metrics);
    this.admission = admission;
    // What a soak watches for leaks: both must fall back to 0 once the calls and timers end.
    Gauge.builder("sip_transactions_live", this, m -> m.liveTransactions())
        .description("SIP transactions the stack holds (server and client, until their timers end)")
        .register(registry);
    Gauge.builder("sip_transactions_lingering", this, m -> m.lingeringTransactions())
        .description(
            "Answered server transactions still absorbing retransmissions (32 s after the final)")
        .register(registry);
    Gauge.builder("sip_dialogs_live", this, SipStackPort::dialogs)
        .description("Call legs (PBX and trunk dialogs) the SIP layer holds")
        .register(registry);
  }

  /** Transactions the stack holds now (0 before start and after stop). */
  public int liveTransactions() {
    SipStack s = stack;
    return s == null ? 0 : s.liveTransactions();
  }

  /** Answered server transactions kept (as key hashes) to absorb retransmissions. */
  public int lingeringTransactions() {
    SipStack s = stack;
    return s == null ? 0 : s.lingeringTransactions();
  }

  void onStart(@Observes StartupEvent ev) throws Exception {
    RoutingConfig.Sip sip = config.sip();
    SipStackOptions options =
        advertised
            .applyTo(
                new SipStackOptions(
                    sip.host(),
                    sip.port(),
                    sip.receiveBufferSize(),
                    sip.maxMessageSize(),
                    timers(sip.t1()),
                    null, // no User-Agent header, as before
                    limits(sip),
                    null, // advertised: applied next
                    null)) // TLS: set next
            .withTls(SipTlsSetup.options(tlsConfig));
    B2buaSipHandler dispatcher = new B2buaSipHandler(ctx, admission, sip);
    // Startup may block here: the service is no use without its SIP port.
    SipStack s = await(SipStack.start(ctx.vertx, options, dispatcher), START_TIMEOUT_SECONDS);
    // Bound to port 0 (tests), the real port is known only now: routes to it are loops too.
    ownAddresses.bound(s.host(), s.port());
    for (Transport t : Transport.values()) {
      InetSocketAddress a = s.sentBy(t);
      ownAddresses.bound(a.getHostString(), a.getPort()); // a trunk pointing there loops too
    }
    stack = s;
    ctx.started(s);
    LOG.infof("SIP B2BUA listening on %s:%d (UDP, TCP)", s.host(), s.port());
    if (!advertised.isEmpty()) {
      InetSocketAddress udp = s.sentBy(Transport.UDP);
      LOG.infof("advertising %s:%d in Via and Contact", udp.getHostString(), udp.getPort());
    }
    if (s.tlsPort() > 0) {
      ownAddresses.bound(s.host(), s.tlsPort());
      LOG.infof("SIP B2BUA listening on %s:%d (TLS)", s.host(), s.tlsPort());
    }
  }

  void onStop(@Observes ShutdownEvent ev) {
    SipStack s = stack;
    if (s == null) {
      return;
    }
    stack = null;
    try {
      await(s.close(), STOP_TIMEOUT_SECONDS);
    } catch (Exception e) {
      LOG.debugf("SIP stack did not close cleanly: %s", e.toString());
    }
  }

  /** RFC 3261 timers with the configured T1 (T2 and T4 as the RFC has them). */
  private static SipTimers timers(Duration t1) {
    SipTimers rfc = SipTimers.rfc3261();
    return new SipTimers(t1, rfc.t2().compareTo(t1) < 0 ? t1 : rfc.t2(), rfc.t4());
  }

  private static SipLimits limits(RoutingConfig.Sip sip) {
    return SipLimits.builder()
        .maxHeaders(sip.parse().maxHeaders())
        .maxLineLength(sip.parse().maxLineLength())
        .maxFoldedLines(sip.parse().maxFoldedLines())
        .ratePerSource(sip.rateLimit().perSource())
        .banTime(sip.rateLimit().banTime())
        .rateTableSize(sip.rateLimit().sources())
        .maxTransactions(sip.maxTransactions())
        .maxLingering(sip.maxLingering())
        .retryAfter(sip.retryAfter())
        .maxConnections(sip.tcp().maxConnections())
        .maxConnectionsPerSource(sip.tcp().maxConnectionsPerSource())
        .messageTimeout(sip.tcp().messageTimeout())
        .idleTimeout(sip.tcp().idleTimeout())
        .build();
  }

  private static <T> T await(Future<T> f, long seconds) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }

  @Override
  public TrunkLeg invite(TrunkInvite invite, TrunkLeg.Listener listener) {
    try {
      SipTrunkLeg leg = new SipTrunkLeg(ctx, invite, listener);
      leg.start();
      return leg;
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot send INVITE to trunk " + invite.trunkName(), e);
    }
  }

  /** The TLS listening port, 0 before the start or without a TLS listener. */
  public int tlsPort() {
    SipStack s = stack;
    return s == null ? 0 : s.tlsPort();
  }

  /** The port the stack listens on (UDP and TCP), 0 before it started. */
  public int port() {
    SipStack s = stack;
    return s == null ? 0 : s.port();
  }

  /** PBX legs the SIP layer still knows (0 when no call is in progress). */
  public int pbxLegs() {
    return ctx.pbxLegs.size();
  }

  /** Call legs (PBX and trunk dialogs) held now. */
  public int dialogs() {
    return ctx.pbxLegs.size() + ctx.trunkLegs.size();
  }

  /** Inbound TCP connections open now. */
  public int inboundConnections() {
    SipStack s = stack;
    return s == null ? 0 : s.inboundConnections();
  }
}
