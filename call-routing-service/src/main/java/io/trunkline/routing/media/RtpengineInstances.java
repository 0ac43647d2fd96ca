package io.trunkline.routing.media;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The configured rtpengine instances and whether each answers: new sessions go round-robin over the
 * instances that are up; one that missed a command or a ping is down until it answers a ping. Every
 * instance starts up (nothing is known yet; the first health check runs at start).
 */
final class RtpengineInstances {

  private static final Logger LOG = Logger.getLogger(RtpengineInstances.class);

  /** One ng control address. */
  static final class Instance {
    final String name;
    final InetSocketAddress address;
    private volatile boolean up = true;
    private volatile long lastHeard = System.nanoTime();

    Instance(InetSocketAddress address) {
      this.address = address;
      this.name = address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    boolean up() {
      return up;
    }

    /** Whether anything came from this instance after the given moment (System.nanoTime). */
    boolean heardSince(long nanos) {
      return lastHeard - nanos > 0;
    }
  }

  private final List<String> configured;
  private final AtomicInteger next = new AtomicInteger();
  private volatile List<Instance> all = List.of();

  RtpengineInstances(List<String> configured) {
    this.configured = List.copyOf(configured);
    refresh();
  }

  /** Resolves the configured names again; instances seen before keep their state. */
  synchronized void refresh() {
    Map<String, Instance> known = new LinkedHashMap<>();
    all.forEach(i -> known.put(i.name, i));
    List<Instance> fresh = new ArrayList<>();
    for (String hostPort : configured) {
      int colon = hostPort.lastIndexOf(':');
      if (colon <= 0) {
        LOG.warnf("media relay instance '%s' is not host:port: ignored", hostPort);
        continue;
      }
      String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
      int port = Integer.parseInt(hostPort.substring(colon + 1).trim());
      try {
        for (InetAddress a : InetAddress.getAllByName(host.trim())) {
          Instance i = new Instance(new InetSocketAddress(a, port));
          fresh.add(known.getOrDefault(i.name, i));
        }
      } catch (UnknownHostException e) {
        LOG.warnf("media relay instance %s does not resolve: %s", hostPort, e.getMessage());
      }
    }
    all = List.copyOf(fresh);
  }

  List<Instance> all() {
    return all;
  }

  /**
   * The instances that are up, starting at the next one in turn. When none is up, all of them, as a
   * last resort: with a single relay, one slow moment must not refuse every call until the next
   * ping; a dead relay then costs each call the timeout before its 503.
   */
  List<Instance> forNewSession() {
    List<Instance> snapshot = all;
    List<Instance> up = new ArrayList<>(snapshot.size());
    List<Instance> rotated = new ArrayList<>(snapshot.size());
    int n = snapshot.size();
    if (n == 0) {
      return up;
    }
    int start = Math.floorMod(next.getAndIncrement(), n);
    for (int k = 0; k < n; k++) {
      Instance i = snapshot.get((start + k) % n);
      rotated.add(i);
      if (i.up) {
        up.add(i);
      }
    }
    return up.isEmpty() ? rotated : up;
  }

  /** A datagram came from this address: the instance there is alive (if slow), so it is up. */
  void heard(java.net.SocketAddress from) {
    for (Instance i : all) {
      if (i.address.equals(from)) {
        i.lastHeard = System.nanoTime();
        up(i);
        return;
      }
    }
  }

  void down(Instance i, String why) {
    if (i.up) {
      i.up = false;
      LOG.warnf("media relay %s is down: %s", i.name, why);
    }
  }

  void up(Instance i) {
    if (!i.up) {
      i.up = true;
      LOG.infof("media relay %s is up again", i.name);
    }
  }
}
