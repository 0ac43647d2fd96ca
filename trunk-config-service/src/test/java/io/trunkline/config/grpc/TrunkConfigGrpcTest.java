package io.trunkline.config.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.trunkline.config.GrpcClients;
import io.trunkline.config.TestSupport;
import io.trunkline.config.grpc.v1.DeleteRuleRequest;
import io.trunkline.config.grpc.v1.DeleteTrunkRequest;
import io.trunkline.config.grpc.v1.ListProvidersRequest;
import io.trunkline.config.grpc.v1.ListRulesRequest;
import io.trunkline.config.grpc.v1.ListTrunksRequest;
import io.trunkline.config.grpc.v1.ReplaceRuleRequest;
import io.trunkline.config.grpc.v1.RouteSpec;
import io.trunkline.config.grpc.v1.Rule;
import io.trunkline.config.grpc.v1.RuleId;
import io.trunkline.config.grpc.v1.RuleMatch;
import io.trunkline.config.grpc.v1.RuleSchedule;
import io.trunkline.config.grpc.v1.RuleSpec;
import io.trunkline.config.grpc.v1.RuleWindow;
import io.trunkline.config.grpc.v1.Trunk;
import io.trunkline.config.grpc.v1.TrunkConfigGrpc;
import io.trunkline.config.grpc.v1.TrunkId;
import io.trunkline.config.grpc.v1.TrunkSpec;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gRPC API through a real grpc-java client on the HTTP port, with and without an API key. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class TrunkConfigGrpcTest {

  private ManagedChannel channel;

  @BeforeEach
  void open() {
    channel =
        ManagedChannelBuilder.forAddress("localhost", RestAssured.port).usePlaintext().build();
  }

  @AfterEach
  void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private TrunkConfigGrpc.TrunkConfigBlockingStub stub(String key) {
    return GrpcClients.stub(channel, key, 20_000);
  }

  @Test
  void createGetListDelete() {
    var api = stub(TestSupport.KEY);
    String name = TestSupport.name("grpc");
    Trunk created =
        api.createTrunk(
            TrunkSpec.newBuilder()
                .setName(name)
                .setProvider("twilio")
                .setHost("acme.pstn.twilio.com")
                .setUsername("acme")
                .setPassword("grpc-secret")
                .build());
    assertThat(created.getAuthMode()).isEqualTo("DIGEST");
    assertThat(created.getNumberFormat()).isEqualTo("E164");
    assertThat(created.getPasswordSet()).isTrue();
    assertThat(created.getVersion()).isEqualTo(1);
    assertThat(created.toString()).doesNotContain("grpc-secret");

    Trunk fetched = api.getTrunk(TrunkId.newBuilder().setId(created.getId()).build());
    assertThat(fetched.getName()).isEqualTo(name);
    assertThat(
            api.listTrunks(ListTrunksRequest.newBuilder().setProvider("twilio").build())
                .getTrunksList())
        .extracting(Trunk::getId)
        .contains(created.getId());
    assertThat(api.listProviders(ListProvidersRequest.getDefaultInstance()).getProvidersCount())
        .isEqualTo(14);

    api.deleteTrunk(DeleteTrunkRequest.newBuilder().setId(created.getId()).build());
    assertThatThrownBy(() -> api.getTrunk(TrunkId.newBuilder().setId(created.getId()).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void invalidCreateIsInvalidArgumentWithTheFieldErrors() {
    var api = stub(TestSupport.KEY);
    long before = TestSupport.count("select count(*) from trunk");
    assertThatThrownBy(
            () ->
                api.createTrunk(
                    TrunkSpec.newBuilder()
                        .setName("bad name")
                        .setHost("h.example.com")
                        .setPort(70000)
                        .setTransport("SCTP")
                        .setAuthMode("IP")
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription())
                  .contains("name:")
                  .contains("port:")
                  .contains("transport:");
            });
    assertThat(TestSupport.count("select count(*) from trunk")).isEqualTo(before);
  }

  @Test
  void ruleCreateGetListReplaceDeleteAndAnUnknownTrunk() {
    var api = stub(TestSupport.KEY);
    Trunk trunk =
        api.createTrunk(
            TrunkSpec.newBuilder()
                .setName(TestSupport.name("grpc-rule-trunk"))
                .setHost("10.1.2.3")
                .setAuthMode("IP")
                .build());
    RuleSpec spec =
        RuleSpec.newBuilder()
            .setName(TestSupport.name("grpc-rule"))
            .setMatch(RuleMatch.newBuilder().addPrefixes("00").setCallers("101-110"))
            .addRoutes(
                RouteSpec.newBuilder()
                    .setTrunkId(trunk.getId())
                    .setStripDigits(2)
                    .setPrepend("+44"))
            .setSchedule(
                RuleSchedule.newBuilder()
                    .setTimeZone("Europe/London")
                    .addWindows(
                        RuleWindow.newBuilder().addDays("MON").setStart("09:00").setEnd("17:00")))
            .build();
    Rule rule = api.createRule(spec);
    assertThat(rule.getPriority()).isEqualTo(1000);
    assertThat(rule.getStrategy()).isEqualTo("PRIORITIZED");
    assertThat(rule.getRoutes(0).getPrepend()).isEqualTo("+44");
    assertThat(rule.getSchedule().getWindows(0).getEnd()).isEqualTo("17:00");
    assertThat(api.getRule(RuleId.newBuilder().setId(rule.getId()).build()).getName())
        .isEqualTo(spec.getName());
    assertThat(api.listRules(ListRulesRequest.getDefaultInstance()).getRulesList())
        .extracting(Rule::getId)
        .contains(rule.getId());
    Rule replaced =
        api.replaceRule(
            ReplaceRuleRequest.newBuilder()
                .setId(rule.getId())
                .setIfMatchVersion(1)
                .setRule(spec.toBuilder().setPriority(7).clearSchedule())
                .build());
    assertThat(replaced.getVersion()).isEqualTo(2);
    assertThat(replaced.hasSchedule()).isFalse();

    assertThatThrownBy(
            () -> api.deleteTrunk(DeleteTrunkRequest.newBuilder().setId(trunk.getId()).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));
    assertThatThrownBy(
            () ->
                api.createRule(
                    spec.toBuilder()
                        .setName(TestSupport.name("grpc-rule-bad"))
                        .clearRoutes()
                        .addRoutes(
                            RouteSpec.newBuilder()
                                .setTrunkId("00000000-0000-0000-0000-0000000000ff"))
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("routes[0].trunkId");
            });
    api.deleteRule(DeleteRuleRequest.newBuilder().setId(rule.getId()).build());
    api.deleteTrunk(DeleteTrunkRequest.newBuilder().setId(trunk.getId()).build());
  }

  @Test
  void withoutOrWithAWrongKeyIsUnauthenticated() {
    for (String key : new String[] {null, "wrong-key"}) {
      assertThatThrownBy(() -> stub(key).listTrunks(ListTrunksRequest.getDefaultInstance()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }
  }
}
