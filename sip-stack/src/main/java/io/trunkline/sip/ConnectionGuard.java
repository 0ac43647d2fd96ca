package io.trunkline.sip;

import java.util.HashMap;

/**
 * Caps on inbound stream connections (TCP today; a TLS listener uses the same guard): how many are
 * open in all and per source IP, and how long one may hold an incomplete message. Connections we
 * open ourselves (towards trunks and PBXs) are not counted: peers cannot make us open them. Event
 * loop only.
 */
final class ConnectionGuard {
  private final int maxConnections;
  private final int maxPerSource;
  private final long messageTimeoutMillis;
  private final TimerWheel wheel;
  private final HashMap<String, int[]> perSource = new HashMap<>();
  private int open;

  ConnectionGuard(SipLimits limits, TimerWheel wheel) {
    this.maxConnections = limits.maxConnections();
    this.maxPerSource = limits.maxConnectionsPerSource();
    this.messageTimeoutMillis = limits.messageTimeout().toMillis();
    this.wheel = wheel;
  }

  /** Counts a new inbound connection from ip; false (and nothing counted) when over a cap. */
  boolean admit(String ip) {
    if (open >= maxConnections) {
      return false;
    }
    int[] n = perSource.get(ip);
    if (n != null && n[0] >= maxPerSource) {
      return false;
    }
    if (n == null) {
      perSource.put(ip, new int[] {1});
    } else {
      n[0]++;
    }
    open++;
    return true;
  }

  /** An admitted connection closed. */
  void release(String ip) {
    int[] n = perSource.get(ip);
    if (n != null && --n[0] <= 0) {
      perSource.remove(ip);
    }
    open--;
  }

  /** Inbound connections open now. */
  int open() {
    return open;
  }

  /** Sources with inbound connections open (bounded by the total cap). */
  int sources() {
    return perSource.size();
  }

  /** Arms t to fire when a message started now is still incomplete after the message timeout. */
  void startMessageClock(TimerWheel.Timer t) {
    if (!t.pending()) {
      wheel.schedule(t, messageTimeoutMillis);
    }
  }

  void stopMessageClock(TimerWheel.Timer t) {
    wheel.cancel(t);
  }
}
