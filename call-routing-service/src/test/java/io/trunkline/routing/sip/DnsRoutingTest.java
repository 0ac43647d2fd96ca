package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.trunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.testsupport.Dnsmasq;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sip.ClientTransaction;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trunks named by a domain, resolved at a real dnsmasq (RFC 3263 SRV, then A): calls go to the SRV
 * targets in priority order, a dead target gives way to the next one of the same trunk before the
 * next route, a changed record is picked up once its TTL runs out, and a name that does not resolve
 * makes the trunk unavailable with reason {@code dns}.
 */
@QuarkusTest
@TestProfile(DnsTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class DnsRoutingTest extends SipAcceptanceSupport {

  static SipTestPeer silent;

  @BeforeAll
  static void silentPeer() throws Exception {
    silent = SipTestPeer.start("127.0.0.1"); // takes INVITEs and never answers
  }

  @AfterAll
  static void stopSilent() {
    silent.close();
  }

  /** A trunk named by a domain, on the transport's default port: SRV decides where it goes. */
  static Map<String, Object> named(String name, String host) {
    Map<String, Object> t = trunk(name, 5060);
    t.put("host", host);
    t.put("fromDomain", host);
    return t;
  }

  @Test
  void deadFirstSrvTargetGivesWayToTheSecondOfTheSameTrunk() throws Exception {
    DnsTestProfile.DNS.replace(
        new Dnsmasq.Records()
            .domain("trunks.test")
            .ttl(60)
            .srv("_sip._udp.failover.trunks.test", "dead.trunks.test", silent.port(), 10, 0)
            .srv("_sip._udp.failover.trunks.test", "live.trunks.test", trunkA.port(), 20, 0)
            .host("dead.trunks.test", "127.0.0.1")
            .host("live.trunks.test", "127.0.0.1"));
    trunkA.onInvite(SipAcceptanceSupport::answer);
    trunkB.onInvite(SipAcceptanceSupport::answer);
    Map<String, Object> dnsTrunk = named("srv-failover", "failover.trunks.test");
    Map<String, Object> nextRoute = trunk("next-route", trunkB.port());
    String prefix = route(null, 0, dnsTrunk, nextRoute);

    ClientTransaction ct = pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT);
    Request first = silent.awaitRequest(Request.INVITE, 5);
    Request second = trunkA.awaitRequest(Request.INVITE, 5);
    Response ok = pbx.awaitResponse(200, 5);
    pbx.ack(ct, ok);
    trunkA.awaitRequest(Request.ACK, 5);

    // the Request-URI names the trunk's domain, without the port SRV chose
    for (Request inv : List.of(first, second)) {
      SipURI uri = (SipURI) inv.getRequestURI();
      assertThat(uri.getHost()).isEqualTo("failover.trunks.test");
      assertThat(uri.getPort()).isEqualTo(-1);
    }
    assertThat(trunkB.receives(Request.INVITE, 300)).as("the next route is not tried").isFalse();
    String callId = SipTestPeer.callId(ct.getRequest());
    pbx.bye(ct.getDialog());
    trunkA.awaitRequest(Request.BYE, 5);
    List<JsonNode> events = callEvents(callId, 10);
    List<String> trail =
        events.stream()
            .filter(e -> !"ROUTED".equals(e.get("type").asText()))
            .map(e -> e.get("type").asText() + ":" + e.get("trunkId").asText())
            .toList();
    String id = (String) dnsTrunk.get("id");
    assertThat(trail)
        .containsExactly(
            "ATTEMPT:" + id, "FAILED:" + id, "ATTEMPT:" + id, "ANSWERED:" + id, "ENDED:" + id);
    assertThat(events.stream().filter(e -> "FAILED".equals(e.get("type").asText())))
        .allSatisfy(e -> assertThat(e.get("code").asInt()).isEqualTo(408));
  }

  @Test
  void aChangedRecordIsUsedOnceItsTtlRunsOut() throws Exception {
    DnsTestProfile.DNS.replace(
        new Dnsmasq.Records()
            .domain("trunks.test")
            .ttl(1)
            .srv("_sip._udp.ttl.trunks.test", "a.trunks.test", trunkA.port(), 10, 0)
            .hostWithTtl("a.trunks.test", 1, "127.0.0.1"));
    trunkA.onInvite(SipAcceptanceSupport::answer);
    trunkB.onInvite(SipAcceptanceSupport::answer);
    String prefix = route(null, 0, named("ttl", "ttl.trunks.test"));
    callAndHangUp(prefix, trunkA);

    DnsTestProfile.DNS.replace(
        new Dnsmasq.Records()
            .domain("trunks.test")
            .ttl(1)
            .srv("_sip._udp.ttl.trunks.test", "b.trunks.test", trunkB.port(), 10, 0)
            .hostWithTtl("b.trunks.test", 1, "127.0.0.1"));
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(usageOf("ttl").get("addresses").toString())
                    .contains("127.0.0.1:" + trunkB.port()));
    callAndHangUp(prefix, trunkB);
  }

  @Test
  void aNameThatDoesNotResolveMakesTheTrunkUnavailableWithReasonDns() throws Exception {
    DnsTestProfile.DNS.replace(new Dnsmasq.Records().domain("trunks.test").ttl(60));
    trunkA.onInvite(SipAcceptanceSupport::answer);
    Map<String, Object> missing = named("missing", "missing.trunks.test");
    String prefix = route(null, 0, missing, trunk("fallback", trunkA.port()));

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              JsonNode first = resolve(prefix + "2345").get("candidates").get(0);
              assertThat(first.get("trunkName").asText()).isEqualTo("missing");
              assertThat(first.get("available").asBoolean()).isFalse();
              assertThat(first.get("skipReason").asText()).isEqualTo("dns");
            });
    JsonNode status = usageOf("missing");
    assertThat(status.get("dns").asText()).isEqualTo("dns");
    assertThat(status.get("dnsDetail").asText()).contains("missing.trunks.test");

    callAndHangUp(prefix, trunkA); // the next route takes the call

    // the name appears: the trunk is routed to again without any change to it
    DnsTestProfile.DNS.replace(
        new Dnsmasq.Records()
            .domain("trunks.test")
            .ttl(60)
            .srv("_sip._udp.missing.trunks.test", "b.trunks.test", trunkB.port(), 10, 0)
            .host("b.trunks.test", "127.0.0.1"));
    trunkB.onInvite(SipAcceptanceSupport::answer);
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        resolve(prefix + "2345")
                            .get("candidates")
                            .get(0)
                            .get("available")
                            .asBoolean())
                    .isTrue());
    callAndHangUp(prefix, trunkB);
  }

  /** One answered call to the prefix, which must reach the given peer; hung up by the PBX. */
  private void callAndHangUp(String prefix, SipTestPeer expected) throws Exception {
    ClientTransaction ct = pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT);
    expected.awaitRequest(Request.INVITE, 5);
    Response ok = pbx.awaitResponse(200, 5);
    pbx.ack(ct, ok);
    expected.awaitRequest(Request.ACK, 5);
    pbx.bye(ct.getDialog());
    expected.awaitRequest(Request.BYE, 5);
    pbx.awaitResponse(200, Request.BYE, 5);
    pbx.responses.clear();
    expected.requests.clear();
  }
}
