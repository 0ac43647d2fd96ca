import io.trunkline.platform.dns.DnsSettings;
import io.trunkline.platform.dns.SipLookup;
import io.trunkline.platform.dns.SipResolution;
import io.trunkline.platform.dns.SipResolver;
import java.util.Arrays;
import java.util.List;

/**
 * What a trunk named by a domain adds to a call: a cold RFC 3263 lookup (SRV for the trunk's
 * transport, then A, answered by the DNS server given) against the cache-only path every other call
 * takes. Usage: ColdLookup <dns-server host:port> <domain> <rounds>.
 */
public final class ColdLookup {

  public static void main(String[] args) {
    String server = args[0];
    String domain = args[1];
    int rounds = Integer.parseInt(args[2]);
    SipLookup lookup = SipLookup.forTrunk(domain, 5060, "UDP");
    try (SipResolver resolver =
        new SipResolver(DnsSettings.defaults().withServers(List.of(server)))) {
      for (int i = 0; i < 200; i++) { // warm the JVM, not the cache
        resolver.clearCache();
        check(resolver.resolve(lookup).toCompletableFuture().join());
      }
      long[] cold = new long[rounds];
      long[] warm = new long[rounds];
      for (int i = 0; i < rounds; i++) {
        resolver.clearCache();
        long t0 = System.nanoTime();
        check(resolver.resolve(lookup).toCompletableFuture().join());
        cold[i] = System.nanoTime() - t0;
        long t1 = System.nanoTime();
        check(resolver.cached(lookup).orElseThrow());
        warm[i] = System.nanoTime() - t1;
      }
      System.out.printf(
          "cold lookup (SRV + A): p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms%n",
          ms(cold, 0.50), ms(cold, 0.90), ms(cold, 0.99), ms(cold, 1.0));
      System.out.printf(
          "cached (every other call): p50 %.1f us, p99 %.1f us%n", us(warm, 0.50), us(warm, 0.99));
      System.out.printf("DNS queries sent: %d over %d rounds%n", resolver.queriesSent(), rounds);
    }
  }

  private static void check(SipResolution r) {
    if (!r.isResolved()) {
      throw new IllegalStateException("lookup failed: " + r.failure());
    }
  }

  private static double ms(long[] nanos, double q) {
    return at(nanos, q) / 1e6;
  }

  private static double us(long[] nanos, double q) {
    return at(nanos, q) / 1e3;
  }

  private static long at(long[] nanos, double q) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }
}
