package io.trunkline.routing.sip;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.platform.dns.SipLookup;
import io.trunkline.platform.dns.SipResolution;
import io.trunkline.platform.dns.SipResolver;
import io.trunkline.platform.dns.SipTarget;
import io.trunkline.platform.dns.config.DnsConfig;
import io.trunkline.routing.service.StateStore;
import io.trunkline.routing.service.Trunk;
import io.trunkline.routing.service.TrunkDestinations;
import io.trunkline.routing.service.TrunkTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Resolves trunks named by a domain through the platform's RFC 3263 resolver, never on the SIP
 * event loop: a call reads what the cache holds, and only a cold or expired name makes it wait for
 * an asynchronous lookup. Every enabled trunk is looked up again in the background each refresh
 * interval, so the cache stays warm within the answers' TTLs. A lookup that fails is remembered
 * until one succeeds: the trunk is skipped with reason {@code dns} meanwhile.
 */
@ApplicationScoped
public class DnsTrunkDestinations implements TrunkDestinations {

  private static final Logger LOG = Logger.getLogger(DnsTrunkDestinations.class);

  private final SipResolver resolver;
  private final StateStore store;
  private final long refreshMillis;
  private final Map<SipLookup, TrunkTargets> lastOutcome = new ConcurrentHashMap<>();
  private final ScheduledExecutorService refresher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "trunk-dns-refresh");
            t.setDaemon(true);
            return t;
          });

  public DnsTrunkDestinations(DnsConfig config, StateStore store) {
    this.resolver = new SipResolver(config.settings());
    this.store = store;
    this.refreshMillis = config.refreshInterval().toMillis();
  }

  void start(@Observes StartupEvent e) {
    refresher.scheduleWithFixedDelay(
        this::refreshAll, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent e) {
    refresher.shutdownNow();
    resolver.close();
  }

  @Override
  public boolean needsLookup(Trunk t) {
    try {
      return lookupOf(t).needsDns();
    } catch (IllegalArgumentException e) {
      return false; // no usable host: the SIP layer refuses it as it always has
    }
  }

  @Override
  public TrunkTargets known(Trunk t) {
    SipLookup lookup = lookupOf(t);
    Optional<SipResolution> cached = resolver.cached(lookup);
    if (cached.isPresent()) {
      return remember(lookup, cached.get());
    }
    lookUp(lookup); // expired or never asked: warm it for the next call
    TrunkTargets last = lastOutcome.get(lookup);
    return last != null && last.failed() ? last : null;
  }

  @Override
  public CompletionStage<TrunkTargets> lookUp(Trunk t) {
    return lookUp(lookupOf(t));
  }

  @Override
  public TrunkTargets lastKnown(Trunk t) {
    return needsLookup(t) ? lastOutcome.get(lookupOf(t)) : null;
  }

  private CompletionStage<TrunkTargets> lookUp(SipLookup lookup) {
    return resolver.resolve(lookup).thenApply(r -> remember(lookup, r));
  }

  /** The next hop the trunk's requests go to: its outbound proxy when set, else its host. */
  static SipLookup lookupOf(Trunk t) {
    if (t.outboundProxy() != null) {
      String proxy = t.outboundProxy();
      return SipLookup.forTrunk(
          TrunkInviteFactory.hostOf(proxy), TrunkInviteFactory.portOf(proxy), t.transport());
    }
    return SipLookup.forTrunk(t.host(), t.port(), t.transport());
  }

  private TrunkTargets remember(SipLookup lookup, SipResolution r) {
    TrunkTargets now = toTargets(r);
    TrunkTargets before = lastOutcome.put(lookup, now);
    if (now.failed() && (before == null || !before.failed())) {
      LOG.warnf("trunk host %s does not resolve: %s", lookup.host(), now.detail());
    } else if (!now.failed() && before != null && before.failed()) {
      LOG.infof("trunk host %s resolves again: %s", lookup.host(), r.targets());
    }
    return now;
  }

  private static TrunkTargets toTargets(SipResolution r) {
    if (!r.isResolved()) {
      return TrunkTargets.failed(r.failure().toString());
    }
    List<TrunkTargets.Target> targets = new ArrayList<>(r.targets().size());
    for (SipTarget t : r.targets()) {
      targets.add(
          new TrunkTargets.Target(
              t.address().getHostAddress(), t.port(), t.transport().name(), t.serverName()));
    }
    return TrunkTargets.of(targets);
  }

  /** Looks every enabled domain-named trunk up (the cache answers unexpired ones at no cost). */
  private void refreshAll() {
    try {
      Set<SipLookup> inUse = new HashSet<>();
      for (Trunk t : store.snapshot().trunks().values()) {
        if (!t.enabled() || !needsLookup(t)) {
          continue;
        }
        SipLookup lookup = lookupOf(t);
        {
          inUse.add(lookup);
          lookUp(lookup);
        }
      }
      lastOutcome.keySet().retainAll(inUse);
    } catch (RuntimeException e) {
      LOG.warnf("trunk DNS refresh failed: %s", e.toString());
    }
  }
}
