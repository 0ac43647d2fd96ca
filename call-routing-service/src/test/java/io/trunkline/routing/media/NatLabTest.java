package io.trunkline.routing.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trunkline.testsupport.NatLab;
import io.trunkline.testsupport.NetNs;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lab the NAT tests stand on: the private host reaches this host only through the router's
 * masquerade (it appears with the router's address), nothing from outside reaches its private
 * address, and closing the lab removes every namespace.
 */
class NatLabTest {

  @Test
  void thePrivateHostIsMasqueradedAndUnreachableFromOutside() throws Exception {
    assumeTrue(NetNs.available(), "needs root, ip and nft");
    assumeTrue(Files.isExecutable(Path.of("/bin/nc")), "needs nc (netcat-openbsd)");
    String name;
    try (NatLab lab = NatLab.create()) {
      name = lab.lan.name();
      try (DatagramSocket host =
          new DatagramSocket(new InetSocketAddress(InetAddress.getByName(lab.hostAddress()), 0))) {
        host.setSoTimeout(5000);
        lab.lan.exec(
            "sh", "-c", "echo hello | nc -u -w1 " + lab.hostAddress() + " " + host.getLocalPort());
        DatagramPacket p = new DatagramPacket(new byte[100], 100);
        host.receive(p);
        assertThat(p.getAddress().getHostAddress()).isEqualTo(lab.routerPublicAddress());
      }
      lab.lan.countIncoming("probe", "udp dport 7000");
      lab.outside.exec("sh", "-c", "echo hello | nc -u -w1 " + lab.lanAddress() + " 7000 || true");
      assertThat(lab.lan.packets("probe")).isZero();
      // the same from the host: the /16 keeps it on the lab's link, where nobody answers for it
      try (DatagramSocket s = new DatagramSocket()) {
        s.send(new DatagramPacket(new byte[4], 4, InetAddress.getByName(lab.lanAddress()), 7000));
      }
      Thread.sleep(300);
      assertThat(lab.lan.packets("probe")).isZero();
    }
    assertThat(NetNs.run(List.of("ip", "netns", "list"))).doesNotContain(name);
  }

  @Test
  void aFrontedHostIsReachedOnlyThroughTheFrontsPublicAddress() throws Exception {
    assumeTrue(NetNs.available(), "needs root, ip and nft");
    assumeTrue(Files.isExecutable(Path.of("/bin/nc")), "needs nc (netcat-openbsd)");
    try (NatLab lab = NatLab.create()) {
      lab.frontHost();
      InetAddress bound = InetAddress.getByName(lab.frontPrivateAddress());
      try (DatagramSocket host = new DatagramSocket(new InetSocketAddress(bound, 0))) {
        host.setSoTimeout(5000);
        int port = host.getLocalPort();
        // sent to the public address, it arrives at the private one, from the sender's address
        lab.outside.exec(
            "sh", "-c", "echo hello | nc -u -w1 " + lab.frontPublicAddress() + " " + port);
        DatagramPacket p = new DatagramPacket(new byte[100], 100);
        host.receive(p);
        assertThat(p.getAddress().getHostAddress()).isEqualTo(lab.outsideAddress());
        // what this host sends leaves with the public address
        lab.outside.countIncoming("fronted", "ip saddr " + lab.frontPublicAddress());
        host.send(
            new DatagramPacket(new byte[4], 4, InetAddress.getByName(lab.outsideAddress()), 7001));
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(5))
            .until(() -> lab.outside.packets("fronted") > 0);
        // sent to the private address, it goes nowhere
        lab.outside.exec(
            "sh",
            "-c",
            "echo hello | nc -u -w1 " + lab.frontPrivateAddress() + " " + port + " || true");
        host.setSoTimeout(1000);
        assertThat(receivesWithin(host)).isFalse();
      }
    }
  }

  private static boolean receivesWithin(DatagramSocket s) throws Exception {
    try {
      s.receive(new DatagramPacket(new byte[100], 100));
      return true;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    }
  }
}
