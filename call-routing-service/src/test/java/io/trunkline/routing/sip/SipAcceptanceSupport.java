package io.trunkline.routing.sip;

import static io.restassured.RestAssured.given;
import static io.trunkline.routing.StateFeeder.rule;
import static io.trunkline.routing.StateFeeder.trunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.routing.StateFeeder;
import io.trunkline.routing.grpc.v1.RoutingServiceGrpc;
import io.trunkline.routing.service.TrunkUsage;
import io.trunkline.routing.service.call.B2buaService;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** Shared peers and helpers of the SIP acceptance tests; after each test no call state is left. */
abstract class SipAcceptanceSupport {

  static SipTestPeer pbx;
  static SipTestPeer trunkA;
  static SipTestPeer trunkB;
  static StateFeeder feeder;
  static final AtomicInteger PREFIX = new AtomicInteger(10);

  @Inject B2buaService b2bua;
  @Inject SipStackPort sip;
  @Inject TrunkUsage usage;

  @BeforeAll
  static void peers() throws Exception {
    pbx = SipTestPeer.start("127.0.0.1");
    trunkA = SipTestPeer.start("127.0.0.1");
    trunkB = SipTestPeer.start("127.0.0.1");
    feeder = new StateFeeder();
  }

  @AfterAll
  static void stopPeers() {
    pbx.close();
    trunkA.close();
    trunkB.close();
    feeder.close();
  }

  @AfterEach
  void noCallStateLeft() throws InterruptedException {
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> b2bua.activeCalls() == 0 && sip.pbxLegs() == 0);
      Thread.sleep(100); // let late retransmissions arrive before clearing
    } finally {
      trunkA.requests.clear();
      trunkB.requests.clear();
      pbx.responses.clear();
      pbx.requests.clear();
    }
  }

  /** Publishes trunks and a rule, waits until resolve sees the rule; returns its prefix. */
  @SafeVarargs
  final String route(String prepend, int strip, Map<String, Object>... trunks) {
    for (Map<String, Object> t : trunks) {
      feeder.trunkConfig(t);
    }
    String prefix = "9" + PREFIX.incrementAndGet();
    Map<String, Object> r = rule("r" + prefix, prefix, strip, prepend, trunks);
    feeder.rule(r);
    awaitRule((String) r.get("id"), prefix + "2345");
    return prefix;
  }

  static void awaitRule(String ruleId, String dialled) {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                ruleId.equals(
                    postJson("/api/v1/routing/resolve", Map.of("caller", "101", "dialled", dialled))
                        .extract()
                        .path("ruleId")));
  }

  /** Waits until resolve-inbound answers the rule for calls from the trunk to did. */
  static void awaitInboundRule(Map<String, Object> trunk, String ruleId, String did) {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> ruleId.equals(resolveInbound(trunk, did).path("ruleId").asText()));
  }

  /** What POST /api/v1/routing/resolve-inbound answers for a call from the trunk to did. */
  static JsonNode resolveInbound(Map<String, Object> trunk, String did) throws Exception {
    String body =
        postJson(
                "/api/v1/routing/resolve-inbound",
                Map.of("trunkId", trunk.get("id"), "did", did, "caller", "+15550001"))
            .extract()
            .asString();
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
  }

  /** The events of one call on call.events.v1, in order (waits until ENDED or the timeout). */
  static List<JsonNode> callEvents(String callId, int seconds) throws Exception {
    Properties p = new Properties();
    p.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<JsonNode> events = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = new ArrayList<>();
      c.partitionsFor("call.events.v1")
          .forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
      c.assign(parts);
      c.seekToBeginning(parts);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < end && events.stream().noneMatch(SipAcceptanceSupport::ended)) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          if (callId.equals(r.key())) {
            JsonNode e = json.readTree(r.value());
            assertThat(e.get("schema").asText()).isEqualTo("call.events.v1");
            events.add(e);
          }
        }
      }
    }
    return events;
  }

  /** sip_rejected_total for a reason, as Prometheus scrapes it (0 before the first). */
  static double rejected(String reason) {
    return metric("sip_rejected_total{", "reason=\"" + reason + "\"");
  }

  /** The sum of a metric's samples whose line contains the label text. */
  static double metric(String prefix, String labels) {
    double sum = 0;
    for (String line : given().get("/q/metrics").asString().split("\n")) {
      if (line.startsWith(prefix) && line.contains(labels)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /**
   * The rest of a call {@code caller} placed with {@code ct}: ringing, the answer with the SDP, the
   * ACK reaching {@code callee}, the trunk counting one active call, then {@code caller} hangs up
   * and the BYE is relayed and answered, and the count drops to none.
   */
  void answerAndHangUp(SipTestPeer caller, ClientTransaction ct, SipTestPeer callee, String trunkId)
      throws Exception {
    caller.awaitResponse(180, 5);
    Response ok = caller.awaitResponse(200, 5);
    assertThat(new String(ok.getRawContent(), StandardCharsets.UTF_8)).isEqualTo(SipTestPeer.SDP);
    caller.ack(ct, ok);
    callee.awaitRequest(Request.ACK, 5);
    assertThat(usage.active(trunkId)).isEqualTo(1);
    caller.bye(ct.getDialog());
    callee.awaitRequest(Request.BYE, 5);
    caller.awaitResponse(200, Request.BYE, 5);
    await().atMost(Duration.ofSeconds(5)).until(() -> usage.active(trunkId) == 0);
  }

  /** A GET of {@code path} with the test API key. */
  static ValidatableResponse getWithKey(String path) {
    return given().auth().oauth2("local-dev-key").get(path).then();
  }

  /** A plaintext channel to the application's gRPC service (on its HTTP port). */
  static ManagedChannel grpcChannel() {
    return ManagedChannelBuilder.forAddress("localhost", RestAssured.port).usePlaintext().build();
  }

  /** A blocking stub of the routing service on {@code channel}, with the test API key. */
  static RoutingServiceGrpc.RoutingServiceBlockingStub keyedStub(ManagedChannel channel) {
    Metadata md = new Metadata();
    md.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer local-dev-key");
    return RoutingServiceGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
  }

  /** A POST of {@code body} as JSON to {@code path} with the test API key. */
  static ValidatableResponse postJson(String path, Object body) {
    return given()
        .auth()
        .oauth2("local-dev-key")
        .contentType("application/json")
        .body(body)
        .post(path)
        .then();
  }

  /**
   * What {@code refusal} does (an INVITE sent and its refusal awaited) never reaches trunk A and
   * counts one more rejection for {@code reason}.
   */
  void assertRefusedAndCounted(String reason, Refusal refusal) throws Exception {
    double before = rejected(reason);
    refusal.run();
    assertThat(trunkA.receives(Request.INVITE, 300)).isFalse();
    assertThat(rejected(reason)).isEqualTo(before + 1);
  }

  /** An INVITE sent and its refusal awaited. */
  interface Refusal {
    void run() throws Exception;
  }

  /** POST /api/v1/routing/resolve for a caller 101. */
  static JsonNode resolve(String dialled) throws Exception {
    String body =
        postJson("/api/v1/routing/resolve", Map.of("caller", "101", "dialled", dialled))
            .statusCode(200)
            .extract()
            .asString();
    return new ObjectMapper().readTree(body);
  }

  /** The row of a trunk in GET /api/v1/trunk-usage. */
  static JsonNode usageOf(String trunkName) throws Exception {
    String body = getWithKey("/api/v1/trunk-usage").extract().asString();
    for (JsonNode row : new ObjectMapper().readTree(body)) {
      if (trunkName.equals(row.get("trunkName").asText())) {
        return row;
      }
    }
    throw new AssertionError("trunk " + trunkName + " not in trunk-usage");
  }

  static boolean ended(JsonNode event) {
    return "ENDED".equals(event.get("type").asText());
  }

  static void answer(SipTestPeer p, ServerTransaction st) {
    p.respond(st, 180);
    p.respond(st, 200);
  }

  /** INVITE → 200 → ACK on the PBX side; returns the PBX's INVITE transaction. */
  /** A call from the PBX, answered: the PBX's INVITE transaction and the INVITE trunk A got. */
  record Answered(ClientTransaction pbxInvite, Request atTrunk) {}

  /**
   * A call from the PBX through a rule with the one trunk {@code trunkName} on trunk A, which
   * answers; returns once trunk A has the ACK.
   */
  Answered answeredThroughTrunkA(String trunkName) throws Exception {
    trunkA.onInvite(SipAcceptanceSupport::answer);
    String prefix = route(null, 0, trunk(trunkName, trunkA.port()));
    ClientTransaction ct = callAnswered(prefix + "2345");
    Request inv = trunkA.awaitRequest(Request.INVITE, 5);
    trunkA.awaitRequest(Request.ACK, 5);
    return new Answered(ct, inv);
  }

  ClientTransaction callAnswered(String dialled) throws Exception {
    ClientTransaction ct = pbx.invite("101", dialled, SipTestProfile.SIP_PORT);
    Response ok = pbx.awaitResponse(200, 10);
    pbx.ack(ct, ok);
    return ct;
  }
}
