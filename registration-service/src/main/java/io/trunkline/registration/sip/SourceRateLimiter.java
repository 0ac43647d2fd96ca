package io.trunkline.registration.sip;

/**
 * Requests per second per source IP with a ban, in a table of fixed size (a new source evicts the
 * one seen longest ago among 8 slots: spoofed sources cost no memory). This service is only probed
 * now and then (OPTIONS); a source far above that is flooding. Called from JAIN-SIP's few worker
 * threads, hence the lock (held for a few instructions).
 */
final class SourceRateLimiter {
  private static final int PROBES = 8;

  private final int rate;
  private final long banMillis;
  private final int mask;
  private final String[] keys;
  private final long[] windowStart;
  private final int[] counts;
  private final long[] bannedUntil;
  private final long[] lastSeen;

  SourceRateLimiter(int ratePerSecond, long banMillis, int tableSize) {
    this.rate = ratePerSecond;
    this.banMillis = banMillis;
    int size = Integer.highestOneBit(Math.max(PROBES, tableSize - 1)) << 1;
    this.mask = size - 1;
    this.keys = new String[size];
    this.windowStart = new long[size];
    this.counts = new int[size];
    this.bannedUntil = new long[size];
    this.lastSeen = new long[size];
  }

  /** Counts one request from ip; false when it must be dropped. */
  synchronized boolean allow(String ip, long nowMillis) {
    int h = ip.hashCode();
    int base = (h ^ (h >>> 16)) & mask;
    int slot = -1;
    for (int k = 0; k < PROBES; k++) {
      int i = (base + k) & mask;
      if (keys[i] == null || keys[i].equals(ip)) {
        slot = i;
        break;
      }
      if (slot < 0 || lastSeen[i] < lastSeen[slot]) {
        slot = i;
      }
    }
    if (!ip.equals(keys[slot])) {
      keys[slot] = ip;
      windowStart[slot] = nowMillis;
      counts[slot] = 0;
      bannedUntil[slot] = 0;
    }
    lastSeen[slot] = nowMillis;
    if (bannedUntil[slot] > nowMillis) {
      return false;
    }
    if (nowMillis - windowStart[slot] >= 1000) {
      windowStart[slot] = nowMillis;
      counts[slot] = 0;
    }
    if (++counts[slot] > rate) {
      bannedUntil[slot] = nowMillis + banMillis;
      return false;
    }
    return true;
  }
}
