package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.inboundRule;
import static io.trunkline.routing.StateFeeder.rule;
import static io.trunkline.routing.StateFeeder.trunk;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.trunkline.routing.StateFeeder;
import io.trunkline.routing.media.Sipp;
import io.trunkline.testsupport.NatLab;
import io.trunkline.testsupport.NetNs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Calls through the NAT lab with real SIPp peers, both ways: outbound from a PBX behind a
 * masquerading router, through call-routing behind its own 1:1 NAT, to a provider on the internet;
 * inbound from that provider to the PBX, reached through its router's port forward. Both peers send
 * in-dialog requests (ACK, BYE) to the Contact they were given, as RFC 3261 peers do, so an
 * unreachable Contact shows.
 */
abstract class NatCallSupport {

  /**
   * The lab run's profile: short answer timeouts, the fronted NAT lab, call-routing told its public
   * address or not.
   */
  public abstract static class LabProfile implements QuarkusTestProfile {
    private static final Map<String, String> SHORT_TIMEOUTS =
        Map.of(
            "trunkline.routing.no-provisional-timeout", "3s",
            "trunkline.routing.final-answer-timeout", "8s");
    private final boolean advertise;

    LabProfile(boolean advertise) {
      this.advertise = advertise;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
      return SHORT_TIMEOUTS;
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(
              FrontedNatLabResource.class, Map.of("advertise", Boolean.toString(advertise))));
    }
  }

  static final AtomicInteger ROUTES = new AtomicInteger(60);
  static StateFeeder feeder;

  /** A provider SIPp and a PBX SIPp after one call; closed by the test. */
  record Call(Sipp provider, Sipp pbx, int providerExit, int pbxExit) implements AutoCloseable {
    @Override
    public void close() {
      provider.close();
      pbx.close();
    }

    String outputs() {
      return "\nprovider: " + provider.output() + "\npbx: " + pbx.output();
    }
  }

  @BeforeAll
  static void feeder() {
    assumeTrue(
        FrontedNatLabResource.possible(),
        "needs root (ip netns, veth, nftables) and sipp: this machine forbids network namespaces");
    feeder = new StateFeeder();
  }

  @AfterAll
  static void stopFeeder() {
    if (feeder != null) {
      feeder.close();
    }
  }

  /** A route to the provider in the lab; returns the number to dial. */
  static String route(String name) {
    return route(name, FrontedNatLabResource.lab.outsideAddress(), 5060);
  }

  /** A route to a trunk at host:port; returns the number to dial. */
  static String route(String name, String host, int port) {
    String prefix = Integer.toString(ROUTES.getAndIncrement());
    Map<String, Object> t = trunk(name, port);
    t.put("host", host);
    feeder.trunkConfig(t);
    Map<String, Object> r = rule("nat-" + name, prefix, 0, null, t);
    feeder.rule(r);
    SipAcceptanceSupport.awaitRule((String) r.get("id"), prefix + "2345");
    return prefix + "2345";
  }

  /** An outbound call from the PBX to the provider; hangUp is "pbx" or "provider". */
  static Call call(String number, String hangUp) throws Exception {
    NatLab lab = FrontedNatLabResource.lab;
    String who = hangUp.equals("pbx") ? "caller" : "callee";
    Sipp provider = callee(lab.outside, lab.outsideAddress(), who);
    Sipp pbx = caller(lab.lan, lab.lanAddress(), "nat-caller.xml", number, who);
    int pbxExit = pbx.waitFor(50);
    int providerExit = provider.waitFor(50);
    return new Call(provider, pbx, providerExit, pbxExit);
  }

  /**
   * An IP trunk from the provider in the lab with did in its pool, and an inbound rule sending the
   * did to the PBX at its router's public address (the port forward); returns the did.
   */
  static String inboundRoute(String name) {
    NatLab lab = FrontedNatLabResource.lab;
    return inboundRoute(name, lab.routerPublicAddress() + ":" + FrontedNatLabResource.PBX_PORT);
  }

  /** The same with the inbound rule's destination at hostPort; returns the did. */
  static String inboundRoute(String name, String hostPort) {
    NatLab lab = FrontedNatLabResource.lab;
    String did = "4420719" + ROUTES.getAndIncrement() + "00";
    Map<String, Object> t = trunk(name, 5060);
    t.put("host", lab.outsideAddress());
    t.put("didNumbers", did);
    feeder.trunkConfig(t);
    Map<String, Object> r = inboundRule(t, did, hostPort);
    feeder.inboundRule(r);
    SipAcceptanceSupport.awaitInboundRule(t, (String) r.get("id"), did);
    return did;
  }

  /** An inbound call from the provider to the PBX; hangUp is "pbx" or "provider". */
  static Call callIn(String did, String hangUp) throws Exception {
    NatLab lab = FrontedNatLabResource.lab;
    String who = hangUp.equals("provider") ? "caller" : "callee";
    Sipp pbx = callee(lab.lan, lab.lanAddress(), who);
    Sipp provider = caller(lab.outside, lab.outsideAddress(), "nat-caller.xml", did, who);
    int providerExit = provider.waitFor(50);
    int pbxExit = pbx.waitFor(50);
    return new Call(provider, pbx, providerExit, pbxExit);
  }

  /** A SIPp answering one call on port 5060 of address inside ns. */
  private static Sipp callee(NetNs ns, String address, String hangUp) throws Exception {
    return Sipp.start(
        ns,
        "nat-callee.xml",
        Map.of("HANGUP", hangUp),
        List.of("-i", address, "-p", "5060", "-m", "1", "-timeout", "40"));
  }

  /**
   * A call from inside ns that must be refused with 503 (the PBX's when pbx, else the provider's);
   * returns the 503, or fails with the peer's output.
   */
  static String refusedCall(boolean pbx, String number) throws Exception {
    NatLab lab = FrontedNatLabResource.lab;
    NetNs ns = pbx ? lab.lan : lab.outside;
    String address = pbx ? lab.lanAddress() : lab.outsideAddress();
    try (Sipp caller = caller(ns, address, "nat-refused.xml", number, "caller")) {
      int exit = caller.waitFor(50);
      List<String> refusals = caller.received("SIP/2.0 503");
      if (exit != 0 || refusals.isEmpty()) {
        throw new AssertionError(
            "no 503 for " + number + " (exit " + exit + "): " + caller.output());
      }
      return refusals.get(0);
    }
  }

  /** A SIPp inside ns running a caller scenario towards call-routing's public address. */
  private static Sipp caller(
      NetNs ns, String address, String scenario, String number, String hangUp) throws Exception {
    return Sipp.start(
        ns,
        scenario,
        Map.of("HANGUP", hangUp),
        List.of(
            "-i",
            address,
            "-p",
            "5060",
            "-s",
            number,
            "-m",
            "1",
            "-timeout",
            "40",
            FrontedNatLabResource.lab.frontPublicAddress() + ":" + FrontedNatLabResource.sipPort));
  }

  /** The requests or responses a peer received whose CSeq method is method. */
  static List<String> withCseq(List<String> messages, String method) {
    return messages.stream().filter(m -> header(m, "CSeq").endsWith(" " + method)).toList();
  }

  /** The last INVITE the provider received. */
  static String inviteAtProvider(Call c) throws Exception {
    List<String> invites = c.provider().received("INVITE ");
    return invites.isEmpty() ? "" : invites.get(invites.size() - 1);
  }

  static String header(String message, String name) {
    for (String line : message.replace("\r", "").split("\n")) {
      if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
        return line.substring(name.length() + 1).trim();
      }
    }
    return "";
  }
}
