package io.trunkline.sip;

import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Requests per second per source IP, with a ban for a source that goes over: a fixed window of one
 * second counts its requests, the first request above the rate bans it for the ban time (every
 * request then dropped). Trusted sources (the TU's PBXs and trunks) are never limited.
 *
 * <p>The table has a fixed number of slots and never grows: a source is looked for among 8 slots
 * from its hash, and a new one takes a free slot there or evicts the one seen longest ago (banned
 * ones last). Spoofed sources therefore cost one table slot each and push each other out, never
 * memory. IPv6 sources are keyed by their /64, which one host usually holds whole.
 *
 * <p>O(1) per request and allocation-free for IPv4 (the source string is the peer's shared one).
 * Event loop only.
 */
final class RateLimiter {
  private static final int PROBES = 8;
  private static final long WINDOW_MILLIS = 1000;
  private static final byte UNTRUSTED = 1;
  private static final byte TRUSTED = 2;
  // added to a banned source's last-seen time when picking whom to evict: bans are kept longest
  private static final long BANNED_BONUS = 1L << 50;

  private final int rate;
  private final long banMillis;
  private final Predicate<String> trusted;
  private final LongSupplier clock;
  private final int mask;
  private final String[] keys;
  private final int[] hashes;
  private final long[] windowStart;
  private final int[] counts;
  private final long[] bannedUntil;
  private final long[] lastSeen;
  private final byte[] trust;

  RateLimiter(SipLimits limits, Predicate<String> trusted) {
    this(limits, trusted, () -> System.nanoTime() / 1_000_000);
  }

  RateLimiter(SipLimits limits, Predicate<String> trusted, LongSupplier clockMillis) {
    this.rate = limits.ratePerSource();
    this.banMillis = limits.banTime().toMillis();
    this.trusted = trusted;
    this.clock = clockMillis;
    int size = Integer.highestOneBit(Math.max(PROBES, limits.rateTableSize() - 1)) << 1;
    this.mask = size - 1;
    this.keys = new String[size];
    this.hashes = new int[size];
    this.windowStart = new long[size];
    this.counts = new int[size];
    this.bannedUntil = new long[size];
    this.lastSeen = new long[size];
    this.trust = new byte[size];
  }

  /** Counts one request from ip; false when it must be dropped (over the rate, or banned). */
  boolean allow(String ip) {
    String key = ip.indexOf(':') < 0 ? ip : prefix64(ip);
    long now = clock.getAsLong();
    int h = key.hashCode();
    int base = (h ^ (h >>> 16)) & mask;
    int victim = -1;
    long victimScore = Long.MAX_VALUE;
    for (int k = 0; k < PROBES; k++) {
      int i = (base + k) & mask;
      String existing = keys[i];
      if (existing == null) {
        victim = i; // never used: the source cannot sit further along
        break;
      }
      if (hashes[i] == h && existing.equals(key)) {
        return count(i, now, ip);
      }
      // evict the one seen longest ago, a banned one only when all are banned
      long score = bannedUntil[i] > now ? lastSeen[i] + BANNED_BONUS : lastSeen[i];
      if (victim < 0 || score < victimScore) {
        victim = i;
        victimScore = score;
      }
    }
    keys[victim] = key;
    hashes[victim] = h;
    windowStart[victim] = now;
    counts[victim] = 0;
    bannedUntil[victim] = 0;
    trust[victim] = trusted.test(ip) ? TRUSTED : UNTRUSTED;
    return count(victim, now, ip);
  }

  /** Sources tracked now (for tests): never more than the table's slots. */
  int tracked() {
    int n = 0;
    for (String k : keys) {
      if (k != null) {
        n++;
      }
    }
    return n;
  }

  int capacity() {
    return keys.length;
  }

  private boolean count(int i, long now, String ip) {
    lastSeen[i] = now;
    if (now - windowStart[i] >= WINDOW_MILLIS) {
      windowStart[i] = now;
      counts[i] = 0;
      // trust can change (new PBX ranges, trunks): asked again once per window, not per packet
      trust[i] = trusted.test(ip) ? TRUSTED : UNTRUSTED;
    }
    if (trust[i] == TRUSTED) {
      return true;
    }
    if (bannedUntil[i] > now) {
      return false;
    }
    if (++counts[i] > rate) {
      bannedUntil[i] = now + banMillis;
      return false;
    }
    return true;
  }

  /** The first four groups of a full-form IPv6 address (as Netty writes them). */
  private static String prefix64(String ip) {
    int colons = 0;
    for (int i = 0; i < ip.length(); i++) {
      if (ip.charAt(i) == ':' && ++colons == 4) {
        return ip.substring(0, i) + "::/64";
      }
    }
    return ip;
  }
}
