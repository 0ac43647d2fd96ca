package io.trunkline.sip;

/**
 * Server transactions that only absorb retransmissions (RFC 6026 Accepted after the ACK, timer L;
 * non-INVITE Completed, timer J), kept as 64-bit key hashes in primitive arrays with an expiry and,
 * for a non-INVITE, the bytes of the final response to send again.
 *
 * <p>Why not keep the transaction objects: at 1,000 calls/s, 32 s of them are ~100,000 objects
 * graphs that every young GC must copy while they age (measured: 20-40 ms pauses on one core). Here
 * a lingering transaction costs no object at all, or one byte array.
 *
 * <p>The hash is seeded per stack, so nobody can aim a key at another one's; two live keys sharing
 * 64 bits would make the second absorb its request, which is as likely as not to happen at all.
 * Event loop only. Expired entries are swept once a second by the stack's timer wheel.
 */
final class LingerTable implements TimerWheel.Target {
  /** Payload of an entry that absorbs retransmissions without answering them. */
  static final byte[] ABSORB = new byte[0];

  private static final long EMPTY = 0;
  private static final long DELETED = Long.MIN_VALUE;
  private static final long SWEEP_MILLIS = 1000;

  private final long seed = RandomIds.nextLong();
  private final TimerWheel wheel;
  private final TimerWheel.Timer sweep = new TimerWheel.Timer(this);
  private long[] hashes;
  private long[] expiries; // monotonic milliseconds
  private byte[][] payloads;
  private int size; // live entries: lingering transactions
  private int used; // live + deleted slots

  private final int initialCapacity;

  LingerTable(TimerWheel wheel, int initialCapacity) {
    this.wheel = wheel;
    this.initialCapacity = Integer.highestOneBit(Math.max(16, initialCapacity - 1)) << 1;
    allocate(this.initialCapacity);
  }

  /** Absorbs requests with this key for the next lifeMillis; payload ABSORB or bytes to resend. */
  void put(String key, long lifeMillis, byte[] payload) {
    if ((used + 1) * 2 > hashes.length) {
      // full of deleted slots: rebuild, twice as big when live entries fill a third of it
      rehash(size * 3 > hashes.length ? hashes.length * 2 : hashes.length);
    }
    long h = hash(key);
    int mask = hashes.length - 1;
    int free = -1;
    for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
      long x = hashes[i];
      if (x == h) {
        free = i;
        break;
      }
      if (x == DELETED && free < 0) {
        free = i;
      } else if (x == EMPTY) {
        if (free < 0) {
          free = i;
          used++;
        }
        size++;
        break;
      }
    }
    hashes[free] = h;
    expiries[free] = now() + lifeMillis;
    payloads[free] = payload;
    if (!sweep.pending()) {
      wheel.schedule(sweep, SWEEP_MILLIS);
    }
  }

  /** The entry's payload, or null when no live entry has this key. */
  byte[] get(String key) {
    long h = hash(key);
    int mask = hashes.length - 1;
    for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
      long x = hashes[i];
      if (x == EMPTY) {
        return null;
      }
      if (x == h) {
        return expiries[i] > now() ? payloads[i] : null;
      }
    }
  }

  /** Slots of the arrays (for tests). */
  int capacity() {
    return hashes.length;
  }

  /** Live entries, i.e. lingering server transactions. */
  int size() {
    return size;
  }

  @Override
  public void onTimer(TimerWheel.Timer t) {
    long now = now();
    for (int i = 0; i < hashes.length; i++) {
      long x = hashes[i];
      if (x != EMPTY && x != DELETED && expiries[i] <= now) {
        hashes[i] = DELETED;
        payloads[i] = null;
        size--;
      }
    }
    if (size > 0) {
      wheel.schedule(sweep, SWEEP_MILLIS);
    } else if (used > 0) {
      allocate(initialCapacity); // all gone (the load ended): give the arrays back
    }
  }

  private void rehash(int capacity) {
    long[] oldHashes = hashes;
    long[] oldExpiries = expiries;
    byte[][] oldPayloads = payloads;
    allocate(capacity);
    int mask = capacity - 1;
    for (int j = 0; j < oldHashes.length; j++) {
      long x = oldHashes[j];
      if (x != EMPTY && x != DELETED) {
        int i = spread(x) & mask;
        while (hashes[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        hashes[i] = x;
        expiries[i] = oldExpiries[j];
        payloads[i] = oldPayloads[j];
        size++;
        used++;
      }
    }
  }

  private void allocate(int capacity) {
    hashes = new long[capacity];
    expiries = new long[capacity];
    payloads = new byte[capacity][];
    size = 0;
    used = 0;
  }

  /** FNV-1a over the key's chars from a per-stack seed, then MurmurHash3's finalizer. */
  long hash(String key) {
    long h = seed;
    for (int i = 0; i < key.length(); i++) {
      h ^= key.charAt(i);
      h *= 0x100000001B3L;
    }
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h == EMPTY || h == DELETED ? 1 : h;
  }

  private static int spread(long h) {
    return (int) (h ^ (h >>> 32));
  }

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }
}
