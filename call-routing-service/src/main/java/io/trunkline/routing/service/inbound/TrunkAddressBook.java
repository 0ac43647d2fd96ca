package io.trunkline.routing.service.inbound;

import io.trunkline.routing.service.CidrAccess;
import io.trunkline.routing.service.StateStore;
import io.trunkline.routing.service.Trunk;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Where each enabled trunk's requests come from: its associatedIps and the IP literals of its host
 * and outboundProxy ({@code localhost} counts as 127.0.0.1). Rebuilt from the routing snapshot when
 * its trunks change, so the SIP edge asks an immutable list and never resolves a name.
 */
@ApplicationScoped
public class TrunkAddressBook {

  private static final Logger LOG = Logger.getLogger(TrunkAddressBook.class);

  /** One trunk and the CIDRs its requests may come from. */
  record Entry(Trunk trunk, CidrAccess addresses) {}

  /** A trunk that holds an address, and how specific its matching CIDR is. */
  public record Hit(Trunk trunk, int bits) {}

  private record Book(Map<String, Trunk> source, List<Entry> entries) {}

  private final StateStore store;
  private volatile Book book = new Book(Map.of(), List.of());

  public TrunkAddressBook(StateStore store) {
    this.store = store;
  }

  /** The trunks whose addresses hold ip, most specific CIDR first. */
  public List<Hit> trunksAt(String ip) {
    List<Hit> hits = new ArrayList<>(2);
    for (Entry e : current().entries()) {
      int bits = e.addresses().longestMatch(ip);
      if (bits >= 0) {
        hits.add(new Hit(e.trunk(), bits));
      }
    }
    hits.sort(Comparator.comparingInt(Hit::bits).reversed());
    return hits;
  }

  /** The prefix length of the most specific trunk CIDR that holds ip, -1 when none does. */
  public int longestMatch(String ip) {
    int best = -1;
    for (Entry e : current().entries()) {
      best = Math.max(best, e.addresses().longestMatch(ip));
    }
    return best;
  }

  private Book current() {
    Map<String, Trunk> trunks = store.snapshot().trunks();
    Book b = book;
    if (b.source() != trunks) {
      b = new Book(trunks, build(trunks.values()));
      book = b;
    }
    return b;
  }

  private static List<Entry> build(Collection<Trunk> trunks) {
    List<Entry> entries = new ArrayList<>();
    for (Trunk t : trunks) {
      if (!t.enabled()) {
        continue;
      }
      List<String> cidrs = new ArrayList<>();
      for (String c : t.associatedIps()) {
        if (validCidr(c)) {
          cidrs.add(c);
        } else {
          LOG.warnf("trunk %s: associated address ignored (not a CIDR)", t.name());
        }
      }
      addLiteral(cidrs, t.host());
      addLiteral(cidrs, hostOf(t.outboundProxy()));
      if (!cidrs.isEmpty()) {
        entries.add(new Entry(t, new CidrAccess(cidrs)));
      }
    }
    return List.copyOf(entries);
  }

  private static boolean validCidr(String c) {
    try {
      new CidrAccess(List.of(c));
      return c != null && !c.isBlank();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void addLiteral(List<String> cidrs, String host) {
    if (host == null) {
      return;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      cidrs.add("127.0.0.1");
    } else if (validCidr(h) && !h.contains("/")) {
      cidrs.add(h);
    }
  }

  /** The host of {@code host[:port]} (IPv6 in brackets), or null. */
  static String hostOf(String hostPort) {
    if (hostPort == null || hostPort.isBlank()) {
      return null;
    }
    String s = hostPort.trim();
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      return close > 0 ? s.substring(1, close) : null;
    }
    int colon = s.indexOf(':');
    return colon >= 0 && s.indexOf(':', colon + 1) < 0 ? s.substring(0, colon) : s;
  }
}
