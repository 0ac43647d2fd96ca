package io.trunkline.platform.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.xbill.DNS.Address;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * RFC 3263 section 4 as a chain of lookups: NAPTR (only when neither port nor transport is
 * configured), SRV (only when no port is configured), then A/AAAA of every name found (the last
 * step lives in {@link AddressStep}). The chain reads its answers through a {@link Source}, so the
 * same code serves the asynchronous path (cache, else query) and the cache-only path (completed
 * futures, or a miss).
 */
final class Rfc3263 {

  /** Where the chain gets one answer from. */
  interface Source {
    CompletableFuture<DnsAnswer> get(Name name, int type);
  }

  /** The hops found so far, or why there are none. */
  private record Hops(List<Hop> hops, DnsFailure failure) {
    static Hops failed(DnsFailure.Kind kind, String detail) {
      return new Hops(List.of(), new DnsFailure(kind, detail));
    }
  }

  private final DnsSettings settings;
  private final Supplier<RandomGenerator> random;
  private final AddressStep addressStep;

  Rfc3263(DnsSettings settings, Supplier<RandomGenerator> random) {
    this.settings = settings;
    this.random = random;
    this.addressStep = new AddressStep(settings);
  }

  CompletableFuture<SipResolution> resolve(SipLookup lookup, Source source) {
    InetAddress literal = ipLiteral(lookup.host());
    if (literal != null) {
      SipTransport transport = transportOrDefault(lookup);
      int port = lookup.hasPort() ? lookup.port() : transport.defaultPort();
      return CompletableFuture.completedFuture(
          SipResolution.of(
              lookup,
              List.of(new SipTarget(literal, port, transport, lookup.host(), lookup.host()))));
    }
    Name name;
    try {
      name = Name.fromString(lookup.host(), Name.root);
    } catch (TextParseException e) {
      return CompletableFuture.completedFuture(
          SipResolution.failed(
              lookup,
              new DnsFailure(
                  DnsFailure.Kind.NOT_FOUND, lookup.host() + " is not a valid host name")));
    }
    CompletableFuture<Hops> hops;
    if (lookup.hasPort()) {
      // RFC 3263 4.2: a configured port means no SRV; the transport is configured or the default
      SipTransport transport = transportOrDefault(lookup);
      hops =
          CompletableFuture.completedFuture(
              new Hops(List.of(new Hop(name, lookup.port(), transport)), null));
    } else if (lookup.transport() != null) {
      hops =
          srv(
              lookup,
              name,
              List.of(lookup.transport()),
              java.util.Collections.singletonList(srvName(lookup.transport(), name)),
              source);
    } else {
      hops = naptr(lookup, name, source);
    }
    return hops.thenCompose(
        h ->
            h.failure() != null
                ? CompletableFuture.completedFuture(SipResolution.failed(lookup, h.failure()))
                : addressStep.addresses(lookup, h.hops(), source));
  }

  private CompletableFuture<Hops> naptr(SipLookup lookup, Name name, Source source) {
    return source
        .get(name, Type.NAPTR)
        .thenCompose(
            answer -> {
              if (answer.isError()) {
                return done(Hops.failed(answer.failureKind(), answer.detail()));
              }
              if (answer.status() == DnsAnswer.Status.NX_DOMAIN) {
                // the host itself does not exist: neither SRV nor A records can be found below it
                return done(Hops.failed(DnsFailure.Kind.NOT_FOUND, answer.detail()));
              }
              List<NAPTRRecord> usable = new ArrayList<>();
              for (var r : answer.records()) {
                NAPTRRecord naptr = (NAPTRRecord) r;
                SipTransport t = SipTransport.ofNaptrService(naptr.getService());
                // RFC 3263 4.1: SIP uses the "s" flag, an empty regexp and the replacement name
                if (t != null
                    && "s".equalsIgnoreCase(naptr.getFlags())
                    && naptr.getRegexp().isEmpty()
                    && acceptable(lookup, t)) {
                  usable.add(naptr);
                }
              }
              usable.sort(
                  Comparator.comparingInt(NAPTRRecord::getOrder)
                      .thenComparingInt(NAPTRRecord::getPreference));
              List<SipTransport> transports = new ArrayList<>();
              List<Name> srvNames = new ArrayList<>();
              if (usable.isEmpty()) {
                // RFC 3263 4.1: no NAPTR, so query SRV for every transport we could use
                for (SipTransport t : SipTransport.values()) {
                  if (acceptable(lookup, t)) {
                    transports.add(t);
                    srvNames.add(srvName(t, name));
                  }
                }
              } else {
                for (NAPTRRecord naptr : usable) {
                  transports.add(SipTransport.ofNaptrService(naptr.getService()));
                  srvNames.add(naptr.getReplacement());
                }
              }
              return srv(lookup, name, transports, srvNames, source);
            });
  }

  private CompletableFuture<Hops> srv(
      SipLookup lookup,
      Name host,
      List<SipTransport> transports,
      List<Name> srvNames,
      Source source) {
    List<CompletableFuture<DnsAnswer>> answers = new ArrayList<>();
    for (Name srvName : srvNames) {
      // a host name too long for a prefix cannot own SRV records: as if none were published
      answers.add(
          srvName == null
              ? done(new DnsAnswer(DnsAnswer.Status.NO_DATA, List.of(), "", 0))
              : source.get(srvName, Type.SRV));
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .thenApply(
            ignored -> {
              List<Hop> hops = new ArrayList<>();
              boolean sawRecords = false;
              for (int i = 0; i < answers.size(); i++) {
                DnsAnswer answer = answers.get(i).join();
                if (answer.isError()) {
                  // without the SRV answer the port is unknown: better no target than a wrong one
                  return Hops.failed(answer.failureKind(), answer.detail());
                }
                List<SRVRecord> records = new ArrayList<>();
                answer.records().forEach(r -> records.add((SRVRecord) r));
                sawRecords |= !records.isEmpty();
                for (SRVRecord r : SrvOrder.order(records, random.get())) {
                  if (!r.getTarget().equals(Name.root)) {
                    hops.add(new Hop(r.getTarget(), r.getPort(), transports.get(i)));
                  }
                }
              }
              if (!hops.isEmpty()) {
                return new Hops(hops, null);
              }
              if (sawRecords) {
                return Hops.failed(
                    DnsFailure.Kind.NO_SERVICE, host + ": SRV target \".\" (service not offered)");
              }
              // RFC 3263 4.2: no SRV records, so the host's own addresses on the default port
              SipTransport transport = transportOrDefault(lookup);
              return new Hops(List.of(new Hop(host, transport.defaultPort(), transport)), null);
            });
  }

  private boolean acceptable(SipLookup lookup, SipTransport t) {
    return settings.transports().contains(t) && (!lookup.secure() || t == SipTransport.TLS);
  }

  /** RFC 3263 4.1: UDP for sip, TLS for sips, unless configured; a UDP-less service takes TCP. */
  private SipTransport transportOrDefault(SipLookup lookup) {
    if (lookup.transport() != null) {
      return lookup.transport();
    }
    if (lookup.secure()) {
      return SipTransport.TLS;
    }
    for (SipTransport t : SipTransport.values()) {
      if (settings.transports().contains(t)) {
        return t;
      }
    }
    return SipTransport.UDP;
  }

  /** {@code _sip._udp.<host>} and the like, or null when the host leaves no room for it. */
  private static Name srvName(SipTransport transport, Name host) {
    try {
      String prefix = transport.srvPrefix();
      return Name.concatenate(Name.fromString(prefix.substring(0, prefix.length() - 1)), host);
    } catch (TextParseException | org.xbill.DNS.NameTooLongException e) {
      return null;
    }
  }

  static InetAddress ipLiteral(String host) {
    byte[] bytes = Address.toByteArray(host, Address.IPv4);
    if (bytes == null) {
      bytes = Address.toByteArray(host, Address.IPv6);
    }
    if (bytes == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
