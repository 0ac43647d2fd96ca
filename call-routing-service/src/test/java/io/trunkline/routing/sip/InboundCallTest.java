package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.inboundRule;
import static io.trunkline.routing.StateFeeder.trunk;
import static io.trunkline.routing.sip.SipAcceptanceSupport.resolveInbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.platform.sip.ContactToken;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.routing.StateFeeder;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inbound calls with real peers on distinct loopback addresses: the provider on 127.0.0.32 (a
 * trunk's host, not a PBX source), PBX destinations on 127.0.0.33 and 127.0.0.34, a stranger on
 * 127.0.0.35; state through the broker. Addresses apart from the other tests' outsiders, since the
 * trunks published here stay in the shared application.
 */
@QuarkusTest
@TestProfile(SipTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class InboundCallTest extends SipAcceptanceSupport {

  static final AtomicInteger DID = new AtomicInteger(100);
  static SipTestPeer provider;
  static SipTestPeer pbx1;
  static SipTestPeer pbx2;
  static SipTestPeer stranger;

  @BeforeAll
  static void inboundPeers() throws Exception {
    provider = SipTestPeer.start("127.0.0.32");
    pbx1 = SipTestPeer.start("127.0.0.33");
    pbx2 = SipTestPeer.start("127.0.0.34");
    stranger = SipTestPeer.start("127.0.0.35");
  }

  @AfterAll
  static void stopInboundPeers() {
    provider.close();
    pbx1.close();
    pbx2.close();
    stranger.close();
  }

  /** A fresh DID for each test, so earlier tests' trunks and rules never match. */
  static String did() {
    return "44207100" + DID.incrementAndGet();
  }

  /** An IP trunk whose provider is the 127.0.0.32 peer, with the DID in its pool. */
  static Map<String, Object> providerTrunk(String name, String did) {
    Map<String, Object> t = trunk(name, provider.port());
    t.put("host", "127.0.0.32");
    t.put("didNumbers", did);
    return t;
  }

  /** Publishes trunk and rule, waits until resolve-inbound sees the rule. */
  static void publish(Map<String, Object> t, Map<String, Object> rule, String did) {
    feeder.trunkConfig(t);
    feeder.inboundRule(rule);
    SipAcceptanceSupport.awaitInboundRule(t, (String) rule.get("id"), did);
  }

  static String dest(SipTestPeer p) {
    return p.host + ":" + p.port();
  }

  ClientTransaction callIn(String did) throws Exception {
    return provider.invite("+15550001", did, SipTestProfile.SIP_PORT);
  }

  @Test
  void inboundCallIsAnsweredAndTheProviderHangsUp() throws Exception {
    String did = did();
    Map<String, Object> t = providerTrunk("in-basic", did);
    publish(t, inboundRule(t, did, dest(pbx1)), did);
    pbx1.onInvite(SipAcceptanceSupport::answer);
    double before = metric("trunk_calls_total{", "direction=\"inbound\",outcome=\"answered\"");
    ClientTransaction ct = callIn("+" + did);

    Request inv = pbx1.awaitRequest(Request.INVITE, 5);
    assertThat(((SipURI) inv.getRequestURI()).getUser()).isEqualTo(did);
    assertThat(inv.getHeader("X-Trunk-Name").toString()).contains("in-basic");
    assertThat(new String(inv.getRawContent(), StandardCharsets.UTF_8)).isEqualTo(SipTestPeer.SDP);
    answerAndHangUp(provider, ct, pbx1, (String) t.get("id"));

    List<JsonNode> events = callEvents(SipTestPeer.callId(ct.getRequest()), 10);
    assertThat(events)
        .extracting(e -> e.get("type").asText())
        .containsExactly("ROUTED", "ATTEMPT", "ANSWERED", "ENDED");
    assertThat(events).allMatch(e -> "INBOUND".equals(e.get("direction").asText()));
    assertThat(events.get(0).get("dialled").asText()).isEqualTo(did);
    assertThat(metric("trunk_calls_total{", "direction=\"inbound\",outcome=\"answered\""))
        .isEqualTo(before + 1);
    pbx1.requests.clear();
    provider.responses.clear();
  }

  @Test
  void thePbxHangsUpAnInboundCall() throws Exception {
    String did = did();
    Map<String, Object> t = providerTrunk("in-pbx-bye", did);
    publish(t, inboundRule(t, did, dest(pbx1)), did);
    pbx1.onInvite(SipAcceptanceSupport::answer);
    ClientTransaction ct = callIn(did);
    Request inv = pbx1.awaitRequest(Request.INVITE, 5);
    Response ok = provider.awaitResponse(200, 5);
    provider.ack(ct, ok);
    pbx1.awaitRequest(Request.ACK, 5);
    pbx1.bye(pbx1.dialogs.get(SipTestPeer.callId(inv)));
    provider.awaitRequest(Request.BYE, 5);
    pbx1.awaitResponse(200, Request.BYE, 5);
    clear();
  }

  @Test
  void theProviderCancelsBeforeTheAnswer() throws Exception {
    String did = did();
    Map<String, Object> t = providerTrunk("in-cancel", did);
    publish(t, inboundRule(t, did, dest(pbx1)), did);
    pbx1.onInvite((p, st) -> p.respond(st, 180));
    ClientTransaction ct = callIn(did);
    pbx1.awaitRequest(Request.INVITE, 5);
    provider.awaitResponse(180, 5);
    provider.cancel(ct);
    pbx1.awaitRequest(Request.CANCEL, 5);
    provider.awaitResponse(487, 5);
    await().atMost(Duration.ofSeconds(5)).until(() -> usage.active((String) t.get("id")) == 0);
    clear();
  }

  @Test
  void pbxFailOverFromA503AndFromASilentDestination() throws Exception {
    String did = did();
    Map<String, Object> t = providerTrunk("in-failover", did);
    SipTestPeer silent = SipTestPeer.start("127.0.0.36");
    try {
      publish(t, inboundRule(t, did, dest(pbx1), dest(silent), dest(pbx2)), did);
      pbx1.onInvite((p, st) -> p.respond(st, 503));
      pbx2.onInvite(SipAcceptanceSupport::answer);
      ClientTransaction ct = callIn(did);
      pbx1.awaitRequest(Request.INVITE, 5);
      silent.awaitRequest(Request.INVITE, 5); // after the 503
      pbx2.awaitRequest(Request.INVITE, 5); // after the silent one's timeout (1 s in tests)
      Response ok = provider.awaitResponse(200, 8);
      provider.ack(ct, ok);
      pbx2.awaitRequest(Request.ACK, 5);
      provider.bye(ct.getDialog());
      pbx2.awaitRequest(Request.BYE, 5);
      List<JsonNode> events = callEvents(SipTestPeer.callId(ct.getRequest()), 10);
      assertThat(events)
          .extracting(e -> e.get("type").asText() + ":" + e.path("code").asText())
          .contains("FAILED:503", "FAILED:408", "ANSWERED:200");
    } finally {
      silent.close();
      clear();
    }
  }

  @Test
  void afterHoursTheCallGoesToTheAfterHoursDestination() throws Exception {
    String did = did();
    Map<String, Object> t = providerTrunk("in-after-hours", did);
    Map<String, Object> r = inboundRule(t, did, dest(pbx1));
    // today and tomorrow (UTC) are holidays: whatever the wall clock, the office is closed
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    r.put(
        "schedule",
        Map.of(
            "timeZone",
            "UTC",
            "windows",
            List.of(Map.of("start", "00:00", "end", "23:59")),
            "holidays",
            List.of(today.toString(), today.plusDays(1).toString())));
    r.put("afterHours", StateFeeder.destination(dest(pbx2), 0, "*97"));
    publish(t, r, did);
    assertThat(resolveInbound(t, did).get("afterHours").asBoolean()).isTrue();
    pbx2.onInvite((p, st) -> p.respond(st, 486));
    callIn(did);
    Request inv = pbx2.awaitRequest(Request.INVITE, 5);
    assertThat(((SipURI) inv.getRequestURI()).getUser()).isEqualTo("*97" + did);
    provider.awaitResponse(486, 5);
    assertThat(pbx1.receives(Request.INVITE, 300)).isFalse();
    clear();
  }

  @Test
  void aDidOutsideThePoolGets404AndIsNotCountedAsAStranger() throws Exception {
    String did = did();
    Map<String, Object> t = providerTrunk("in-pool", did);
    publish(t, inboundRule(t, "44*", dest(pbx1)), did);
    double strangers = rejected("source");
    callIn("44207999999");
    provider.awaitResponse(404, 5);
    assertThat(pbx1.receives(Request.INVITE, 300)).isFalse();
    assertThat(rejected("source")).isEqualTo(strangers);
    postJson(
            "/api/v1/routing/resolve-inbound", Map.of("trunkId", t.get("id"), "did", "44207999999"))
        .statusCode(404);
    clear();
  }

  @Test
  void aSpoofedSourceGets403AndIsCounted() throws Exception {
    String did = did();
    Map<String, Object> t = providerTrunk("in-spoof", did);
    publish(t, inboundRule(t, did, dest(pbx1)), did);
    double strangers = rejected("source");
    stranger.invite("+15550001", did, SipTestProfile.SIP_PORT);
    stranger.awaitResponse(403, 5);
    assertThat(pbx1.receives(Request.INVITE, 300)).isFalse();
    assertThat(rejected("source")).isEqualTo(strangers + 1);
    clear();
  }

  @Test
  void aRegisterTrunksProviderCallsItsContactToken() throws Exception {
    String did = did();
    // two trunks at the same provider address, both holding the DID: the token decides
    Map<String, Object> ip = providerTrunk("in-shared-ip", did);
    Map<String, Object> reg = providerTrunk("in-shared-reg", did);
    StateFeeder.withCredentials(reg, "REGISTER", "acct", null, "secret");
    feeder.trunkConfig(ip);
    publish(reg, inboundRule(reg, did, dest(pbx2)), did);
    publish(ip, inboundRule(ip, did, dest(pbx1)), did);
    pbx2.onInvite((p, st) -> p.respond(st, 486));
    String token =
        ContactToken.of(
            java.util.Base64.getDecoder().decode(StateFeeder.KEY), (String) reg.get("id"));
    provider.invite(
        "+15550001",
        token,
        SipTestProfile.SIP_PORT,
        r -> {
          try {
            ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
            to.setAddress(provider.af.createAddress(provider.af.createSipURI(did, "127.0.0.1")));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    Request inv = pbx2.awaitRequest(Request.INVITE, 5);
    assertThat(((SipURI) inv.getRequestURI()).getUser()).isEqualTo(did);
    assertThat(inv.getHeader("X-Trunk-Name").toString()).contains("in-shared-reg");
    provider.awaitResponse(486, 5);
    assertThat(pbx1.receives(Request.INVITE, 300)).isFalse();
    // the same token from another address is refused
    double strangers = rejected("source");
    stranger.invite("+15550001", token, SipTestProfile.SIP_PORT);
    stranger.awaitResponse(403, 5);
    assertThat(rejected("source")).isEqualTo(strangers + 1);
    clear();
  }

  @Test
  void aTrunkAtItsChannelLimitRefusesAnInboundCallWhileOutboundAndInboundShareTheCount()
      throws Exception {
    String did = did();
    Map<String, Object> t = providerTrunk("in-limit", did);
    t.put("maxConcurrentCalls", 1);
    provider.onInvite(SipAcceptanceSupport::answer);
    String prefix = route(null, 0, t); // outbound calls from the PBX peer go to this trunk
    publish(t, inboundRule(t, did, dest(pbx1)), did);
    pbx1.onInvite(SipAcceptanceSupport::answer);

    ClientTransaction out = callAnswered(prefix + "2345"); // the one channel, outbound
    provider.awaitRequest(Request.INVITE, 5);
    assertThat(usage.active((String) t.get("id"))).isEqualTo(1);
    callIn(did);
    Response full = provider.awaitResponse(503, 5);
    assertThat(full.getHeader("Reason").toString()).contains("call limit");
    assertThat(pbx1.receives(Request.INVITE, 300)).isFalse();
    pbx.bye(out.getDialog());
    provider.awaitRequest(Request.BYE, 5);
    await().atMost(Duration.ofSeconds(5)).until(() -> usage.active((String) t.get("id")) == 0);

    // the channel is free: the inbound call now takes it, and an outbound one is refused
    ClientTransaction in = callIn(did);
    Response ok = provider.awaitResponse(200, 5);
    provider.ack(in, ok);
    pbx1.awaitRequest(Request.ACK, 5);
    assertThat(usage.active((String) t.get("id"))).isEqualTo(1);
    pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT);
    pbx.awaitResponse(503, 5);
    provider.bye(in.getDialog());
    pbx1.awaitRequest(Request.BYE, 5);
    provider.onInvite((p, st) -> {});
    clear();
  }

  @Test
  void resolveInboundOverRestAndGrpcAnswersRuleDestinationsAndBadInput() throws Exception {
    String did = did();
    Map<String, Object> t = providerTrunk("in-resolve", did);
    Map<String, Object> r = inboundRule(t, did, dest(pbx1), "127.0.0.1:" + SipTestProfile.SIP_PORT);
    publish(t, r, did);
    JsonNode rest = resolveInbound(t, "+" + did);
    assertThat(rest.get("did").asText()).isEqualTo(did);
    assertThat(rest.get("afterHours").asBoolean()).isFalse();
    assertThat(rest.at("/destinations/0/host").asText()).isEqualTo("127.0.0.33");
    assertThat(rest.at("/destinations/0/available").asBoolean()).isTrue();
    assertThat(rest.at("/destinations/1/skipReason").asText()).isEqualTo("loop");
    postJson(
            "/api/v1/routing/resolve-inbound",
            Map.of("trunkId", t.get("id"), "did", "not a number"))
        .statusCode(400)
        .contentType(org.hamcrest.Matchers.containsString("problem+json"))
        .body(org.hamcrest.Matchers.containsString("did"));

    io.grpc.ManagedChannel ch =
        io.grpc.ManagedChannelBuilder.forAddress("localhost", io.restassured.RestAssured.port)
            .usePlaintext()
            .build();
    try {
      io.grpc.Metadata md = new io.grpc.Metadata();
      md.put(
          io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER),
          "Bearer local-dev-key");
      var stub =
          io.trunkline.routing.grpc.v1.RoutingServiceGrpc.newBlockingStub(ch)
              .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(md));
      var grpc =
          stub.resolveInbound(
              io.trunkline.routing.grpc.v1.ResolveInboundRequest.newBuilder()
                  .setTrunkId((String) t.get("id"))
                  .setDid(did)
                  .build());
      assertThat(grpc.getRuleId()).isEqualTo(rest.get("ruleId").asText());
      assertThat(grpc.getDestinations(0).getNumber()).isEqualTo(did);
      assertThat(grpc.getDestinations(1).getSkipReason()).isEqualTo("loop");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  stub.resolveInbound(
                      io.trunkline.routing.grpc.v1.ResolveInboundRequest.newBuilder()
                          .setTrunkId((String) t.get("id"))
                          .setDid("44207999999")
                          .build()))
          .hasMessageContaining("NOT_FOUND");
    } finally {
      ch.shutdownNow();
    }
  }

  static void clear() {
    for (SipTestPeer p : List.of(provider, pbx1, pbx2, stranger)) {
      p.requests.clear();
      p.responses.clear();
    }
  }
}
