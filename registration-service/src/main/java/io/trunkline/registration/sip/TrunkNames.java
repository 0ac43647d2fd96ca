package io.trunkline.registration.sip;

import io.trunkline.platform.dns.SipLookup;
import io.trunkline.platform.dns.SipResolution;
import io.trunkline.platform.dns.SipResolver;
import io.trunkline.registration.domain.TrunkConfig;
import io.trunkline.registration.service.Engine;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Resolves the next hop of a trunk named by a domain (its outbound proxy when set, else its host)
 * the RFC 3263 way, with the resolver call-routing uses too. Answers come from the cache when
 * fresh; otherwise the lookup runs on the resolver's thread and its outcome is handed back on the
 * engine thread, which never waits for DNS.
 */
public final class TrunkNames implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(TrunkNames.class);

  private final SipResolver resolver;
  private final Engine engine;

  public TrunkNames(SipResolver resolver, Engine engine) {
    this.resolver = resolver;
    this.engine = engine;
  }

  /** What to resolve for the trunk; null for an IP literal or localhost (sent as today). */
  static SipLookup lookupOf(TrunkConfig t) {
    String proxy = t.outboundProxy();
    SipLookup lookup;
    if (proxy != null && !proxy.isBlank()) {
      int colon = proxy.lastIndexOf(':');
      boolean hasPort = colon > 0 && proxy.indexOf(']') < colon && proxy.indexOf(':') == colon;
      lookup =
          SipLookup.forTrunk(
              hasPort ? proxy.substring(0, colon) : proxy,
              hasPort ? Integer.parseInt(proxy.substring(colon + 1)) : 0,
              t.transportOrDefault());
    } else {
      lookup = SipLookup.forTrunk(t.host(), t.portOrDefault(), t.transportOrDefault());
    }
    return lookup.needsDns() ? lookup : null;
  }

  /**
   * Hands {@code then} the trunk's resolution on the engine thread: at once when cached, else once
   * DNS answered. A failed lookup is a resolution too (reason {@code dns}).
   */
  void resolve(SipLookup lookup, Consumer<SipResolution> then) {
    Optional<SipResolution> cached = resolver.cached(lookup);
    if (cached.isPresent()) {
      then.accept(logged(cached.get()));
      return;
    }
    resolver
        .resolve(lookup)
        .thenAccept(r -> engine.execute(() -> then.accept(logged(r))))
        .exceptionally(
            e -> {
              LOG.warnf("DNS lookup of %s failed: %s", lookup.host(), e.toString());
              return null;
            });
  }

  private static SipResolution logged(SipResolution r) {
    if (!r.isResolved()) {
      LOG.debugf("trunk host does not resolve: %s", r.failure());
    }
    return r;
  }

  @Override
  public void close() {
    resolver.close();
  }
}
