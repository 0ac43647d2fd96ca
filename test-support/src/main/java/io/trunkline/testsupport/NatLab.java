package io.trunkline.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small internet in network namespaces, for tests of peers behind NAT:
 *
 * <pre>
 *   lan (10.B.1.2) ── router (10.B.1.1 | 10.B.2.2, masquerade) ──┐
 *                                                                 internet: a bridge, 10.B.2.254
 *   outside (10.B.2.3) ───────────────────────────────────────────┤ (routes nothing: private
 *   this host (10.B.2.1/16, where the service under test binds) ──┘  destinations are dropped)
 * </pre>
 *
 * A host in {@code lan} reaches the internet only through the router's masquerade, so what it
 * writes about its own address (SDP, Contact) is unreachable from outside, as for a PBX in an
 * office or a pod. {@code outside} plays a provider. This host gets one address on a veth whose /16
 * covers every lab address: nothing for the lab leaves by the host's own default route. {@code B}
 * is picked so that no route of this host overlaps. {@link #frontHost} adds a 1:1 NAT in front of
 * this host (10.B.3.1 behind 10.B.2.4), for a service that must advertise an address it does not
 * own. Everything is removed by {@link #close} (deleting the namespaces deletes the veths, the
 * host's end too).
 */
public final class NatLab implements AutoCloseable {

  public final NetNs lan;
  public final NetNs router;
  public final NetNs internet;
  public final NetNs outside;
  private final String prefix;
  private final String id;
  private final List<NetNs> all = new ArrayList<>();
  private NetNs front;

  private NatLab(String prefix, String id) {
    this.prefix = prefix;
    this.id = id;
    this.internet = add(NetNs.create(id + "-net"));
    this.router = add(NetNs.create(id + "-rtr"));
    this.lan = add(NetNs.create(id + "-lan"));
    this.outside = add(NetNs.create(id + "-out"));
  }

  private NetNs add(NetNs ns) {
    all.add(ns);
    return ns;
  }

  /** Builds the lab; removes whatever it had built when a step fails. */
  public static NatLab create() {
    String prefix = freePrefix();
    String id = Integer.toString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff), 16);
    NatLab lab = new NatLab(prefix, id);
    try {
      lab.wire(id);
      Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "natlab-cleanup"));
      return lab;
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
  }

  /** This host's address in the lab (bind the service under test here). */
  public String hostAddress() {
    return prefix + ".2.1";
  }

  /** The address of the host behind NAT, as it knows itself. */
  public String lanAddress() {
    return prefix + ".1.2";
  }

  /** The router's public address: where the lan host's packets appear to come from. */
  public String routerPublicAddress() {
    return prefix + ".2.2";
  }

  /** The public host's address. */
  public String outsideAddress() {
    return prefix + ".2.3";
  }

  /**
   * Puts this host behind a 1:1 NAT, as a pod behind a node's public IP or a cloud load balancer: a
   * {@code front} namespace owns {@link #frontPublicAddress()} on the internet and forwards
   * everything sent there to {@link #frontPrivateAddress()} on this host, whose traffic to the
   * internet leaves with the public address. The private address is unreachable from outside. A
   * service bound to it is reachable only if it tells peers the public one. Idempotent.
   */
  public synchronized void frontHost() {
    if (front != null) {
      return;
    }
    front = add(NetNs.create(id + "-frt"));
    String hostIf = "tl" + id + "f";
    NetNs.run(
        List.of(
            "ip",
            "link",
            "add",
            hostIf,
            "type",
            "veth",
            "peer",
            "name",
            "pod",
            "netns",
            front.name()));
    NetNs.run(List.of("ip", "addr", "add", frontPrivateAddress() + "/24", "dev", hostIf));
    NetNs.run(List.of("ip", "link", "set", hostIf, "up"));
    front.exec("ip", "addr", "add", prefix + ".3.254/24", "dev", "pod");
    front.exec("ip", "link", "set", "pod", "up");
    plug(front, "wan", "frt", frontPublicAddress() + "/24");
    front.exec("sysctl", "-qw", "net.ipv4.ip_forward=1");
    front.exec("nft", "add table ip nat");
    front.exec("nft", "add chain ip nat pre { type nat hook prerouting priority -100 ; }");
    front.exec("nft", "add chain ip nat post { type nat hook postrouting priority 100 ; }");
    front.exec(
        "nft",
        "add rule ip nat pre iifname \"wan\" ip daddr "
            + frontPublicAddress()
            + " dnat to "
            + frontPrivateAddress());
    front.exec(
        "nft",
        "add rule ip nat post oifname \"wan\" ip saddr "
            + frontPrivateAddress()
            + " snat to "
            + frontPublicAddress());
    // this host reaches the lab's internet only through the front (more specific than the /16;
    // removed with the veth when the lab closes)
    NetNs.run(
        List.of("ip", "route", "add", prefix + ".2.0/24", "via", prefix + ".3.254", "dev", hostIf));
  }

  /**
   * Forwards a UDP port of the router's public address to the same port of the lan host, as an
   * office router forwards its SIP port to the PBX: the lan host is then reachable from outside at
   * {@link #routerPublicAddress()}, while it still writes its private address into what it sends.
   */
  public void forwardToLan(int udpPort) {
    router.exec("nft", "add chain ip nat pre { type nat hook prerouting priority -100 ; }");
    router.exec(
        "nft",
        "add rule ip nat pre iifname \"wan\" ip daddr "
            + routerPublicAddress()
            + " udp dport "
            + udpPort
            + " dnat to "
            + lanAddress()
            + ":"
            + udpPort);
  }

  /** This host's address behind the front (bind the service under test here). */
  public String frontPrivateAddress() {
    return prefix + ".3.1";
  }

  /** The front's public address: where the internet reaches this host after {@link #frontHost}. */
  public String frontPublicAddress() {
    return prefix + ".2.4";
  }

  private void wire(String id) {
    String net = internet.name();
    internet.exec("ip", "link", "add", "br0", "type", "bridge");
    internet.exec("ip", "addr", "add", prefix + ".2.254/24", "dev", "br0");
    internet.exec("ip", "link", "set", "br0", "up");
    // this host
    String hostIf = "tl" + id + "h";
    NetNs.run(
        List.of("ip", "link", "add", hostIf, "type", "veth", "peer", "name", "host", "netns", net));
    internet.exec("ip", "link", "set", "host", "master", "br0", "up");
    NetNs.run(List.of("ip", "addr", "add", hostAddress() + "/16", "dev", hostIf));
    NetNs.run(List.of("ip", "link", "set", hostIf, "up"));
    // the router: wan on the internet, lan towards the private host, masquerading
    plug(router, "wan", "rtr", routerPublicAddress() + "/24");
    router.exec(
        "ip", "link", "add", "lan", "type", "veth", "peer", "name", "eth0", "netns", lan.name());
    router.exec("ip", "addr", "add", prefix + ".1.1/24", "dev", "lan");
    router.exec("ip", "link", "set", "lan", "up");
    router.exec("ip", "route", "add", "default", "via", prefix + ".2.254");
    router.exec("sysctl", "-qw", "net.ipv4.ip_forward=1");
    router.exec("nft", "add table ip nat");
    router.exec("nft", "add chain ip nat post { type nat hook postrouting priority 100 ; }");
    router.exec("nft", "add rule ip nat post oifname \"wan\" masquerade");
    // the private host
    lan.exec("ip", "addr", "add", lanAddress() + "/24", "dev", "eth0");
    lan.exec("ip", "link", "set", "eth0", "up");
    lan.exec("ip", "route", "add", "default", "via", prefix + ".1.1");
    // the public host
    plug(outside, "eth0", "out", outsideAddress() + "/24");
    outside.exec("ip", "route", "add", "default", "via", prefix + ".2.254");
  }

  /** A veth from a namespace onto the internet bridge, with an address on its end. */
  private void plug(NetNs ns, String ifName, String portName, String address) {
    ns.exec(
        "ip",
        "link",
        "add",
        ifName,
        "type",
        "veth",
        "peer",
        "name",
        portName,
        "netns",
        internet.name());
    internet.exec("ip", "link", "set", portName, "master", "br0", "up");
    ns.exec("ip", "addr", "add", address, "dev", ifName);
    ns.exec("ip", "link", "set", ifName, "up");
  }

  /** A 10.B prefix that no route or address of this host overlaps. */
  private static String freePrefix() {
    String routes = NetNs.run(List.of("ip", "-4", "route", "show", "table", "all"));
    String addresses = NetNs.run(List.of("ip", "-4", "-o", "addr"));
    for (int tries = 0; tries < 100; tries++) {
      int b = ThreadLocalRandom.current().nextInt(64, 250);
      String p = "10." + b;
      if (!routes.contains(p + ".") && !addresses.contains(p + ".") && !overlaps(routes, b)) {
        return p;
      }
    }
    throw new IllegalStateException("no free 10.x.0.0/16 for a lab");
  }

  /** Whether a wider route (10.0.0.0/8, 10.64.0.0/10, ...) covers 10.b. */
  private static boolean overlaps(String routes, int b) {
    for (String line : routes.split("\n")) {
      String dest = line.trim().split("\\s+")[0];
      if (!dest.startsWith("10.") || !dest.contains("/")) {
        continue;
      }
      String[] ipLen = dest.split("/");
      int len = Integer.parseInt(ipLen[1]);
      String[] octets = ipLen[0].split("\\.");
      int second = Integer.parseInt(octets[1]);
      if (len <= 8 || (len < 16 && (b >> (16 - len)) == (second >> (16 - len)))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    for (int i = all.size() - 1; i >= 0; i--) {
      all.get(i).close();
    }
  }
}
