package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.rule;
import static io.trunkline.routing.StateFeeder.trunk;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trunkline.routing.StateFeeder;
import io.trunkline.routing.media.Sipp;
import io.trunkline.testsupport.NatLab;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One call from a PBX behind a masquerading router, through call-routing behind its own 1:1 NAT, to
 * a provider on the internet; both SIPp peers send in-dialog requests (ACK, BYE) to the Contact
 * they were given, as RFC 3261 peers do, so an unreachable Contact shows.
 */
abstract class NatCallSupport {

  /** The configuration that differs between the two lab runs. */
  static Map<String, String> profile() {
    return Map.of(
        "trunkline.routing.no-provisional-timeout", "3s",
        "trunkline.routing.final-answer-timeout", "8s");
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
    NatLab lab = FrontedNatLabResource.lab;
    String prefix = Integer.toString(ROUTES.getAndIncrement());
    Map<String, Object> t = trunk(name, 5060);
    t.put("host", lab.outsideAddress());
    feeder.trunkConfig(t);
    Map<String, Object> r = rule("nat-" + name, prefix, 0, null, t);
    feeder.rule(r);
    SipAcceptanceSupport.awaitRule((String) r.get("id"), prefix + "2345");
    return prefix + "2345";
  }

  /** One call; hangUp is "pbx" or "provider". Waits for both peers to finish. */
  static Call call(String number, String hangUp) throws Exception {
    NatLab lab = FrontedNatLabResource.lab;
    Map<String, String> values = Map.of("HANGUP", hangUp);
    Sipp provider =
        Sipp.start(
            lab.outside,
            "nat-provider.xml",
            values,
            List.of("-i", lab.outsideAddress(), "-p", "5060", "-m", "1", "-timeout", "40"));
    Sipp pbx =
        Sipp.start(
            lab.lan,
            "nat-pbx.xml",
            values,
            List.of(
                "-i",
                lab.lanAddress(),
                "-p",
                "5060",
                "-s",
                number,
                "-m",
                "1",
                "-timeout",
                "40",
                lab.frontPublicAddress() + ":" + FrontedNatLabResource.sipPort));
    int pbxExit = pbx.waitFor(50);
    int providerExit = provider.waitFor(50);
    return new Call(provider, pbx, providerExit, pbxExit);
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
