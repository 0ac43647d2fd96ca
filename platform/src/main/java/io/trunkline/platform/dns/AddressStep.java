package io.trunkline.platform.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The last step of the RFC 3263 chain: the A/AAAA records of every hop that NAPTR and SRV found, in
 * the address-family order the settings ask for. Each name is queried once even when several SRV
 * records point at it, and a target is listed once per address, port and transport.
 */
final class AddressStep {

  private final DnsSettings settings;

  AddressStep(DnsSettings settings) {
    this.settings = settings;
  }

  /** The targets of {@code hops} in their order, or the first error when none has an address. */
  CompletableFuture<SipResolution> addresses(
      SipLookup lookup, List<Hop> hops, Rfc3263.Source source) {
    Map<Name, List<CompletableFuture<DnsAnswer>>> byName = new LinkedHashMap<>();
    for (Hop hop : hops) {
      byName.computeIfAbsent(hop.name(), n -> addressQueries(n, source));
    }
    List<CompletableFuture<DnsAnswer>> all = new ArrayList<>();
    byName.values().forEach(all::addAll);
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(
            ignored -> {
              // one entry per address, port and transport, even when two SRV targets share an IP
              Map<List<Object>, SipTarget> targets = new LinkedHashMap<>();
              DnsAnswer firstError = null;
              for (Hop hop : hops) {
                for (CompletableFuture<DnsAnswer> f : byName.get(hop.name())) {
                  DnsAnswer answer = f.join();
                  if (answer.isError() && firstError == null) {
                    firstError = answer;
                  }
                  for (var r : answer.records()) {
                    SipTarget t = target(lookup, hop, r);
                    targets.putIfAbsent(List.of(t.address(), t.port(), t.transport()), t);
                  }
                }
              }
              if (!targets.isEmpty()) {
                return SipResolution.of(lookup, List.copyOf(targets.values()));
              }
              if (firstError != null) {
                return SipResolution.failed(
                    lookup, new DnsFailure(firstError.failureKind(), firstError.detail()));
              }
              return SipResolution.failed(
                  lookup,
                  new DnsFailure(DnsFailure.Kind.NOT_FOUND, "no address for " + names(hops)));
            });
  }

  private List<CompletableFuture<DnsAnswer>> addressQueries(Name name, Rfc3263.Source source) {
    return switch (settings.addressFamilies()) {
      case IPV4_ONLY -> List.of(source.get(name, Type.A));
      case IPV4_FIRST -> List.of(source.get(name, Type.A), source.get(name, Type.AAAA));
      case IPV6_FIRST -> List.of(source.get(name, Type.AAAA), source.get(name, Type.A));
      case IPV6_ONLY -> List.of(source.get(name, Type.AAAA));
    };
  }

  private static SipTarget target(SipLookup lookup, Hop hop, org.xbill.DNS.Record r) {
    InetAddress address = r instanceof ARecord a ? a.getAddress() : ((AAAARecord) r).getAddress();
    return new SipTarget(
        address, hop.port(), hop.transport(), lookup.host(), hop.name().toString(true));
  }

  private static String names(List<Hop> hops) {
    Set<String> names = new LinkedHashSet<>();
    hops.forEach(h -> names.add(h.name().toString(true)));
    return String.join(", ", names);
  }
}
