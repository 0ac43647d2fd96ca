package io.trunkline.config.inbound;

import static io.trunkline.config.TestSupport.count;
import static io.trunkline.config.TestSupport.createTrunk;
import static io.trunkline.config.TestSupport.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.config.GrpcClients;
import io.trunkline.config.grpc.v1.DeleteRuleRequest;
import io.trunkline.config.grpc.v1.DestinationSpec;
import io.trunkline.config.grpc.v1.InboundRule;
import io.trunkline.config.grpc.v1.InboundRuleMatch;
import io.trunkline.config.grpc.v1.InboundRuleSpec;
import io.trunkline.config.grpc.v1.ListRulesRequest;
import io.trunkline.config.grpc.v1.ReplaceInboundRuleRequest;
import io.trunkline.config.grpc.v1.RuleId;
import io.trunkline.config.grpc.v1.RuleSchedule;
import io.trunkline.config.grpc.v1.RuleWindow;
import io.trunkline.config.grpc.v1.TrunkConfigGrpc.TrunkConfigBlockingStub;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inbound rules over gRPC: the same use cases, defaults and validation as over REST. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class InboundRuleGrpcTest {

  private ManagedChannel channel;

  @BeforeEach
  void open() {
    channel = GrpcClients.channel();
  }

  @AfterEach
  void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private TrunkConfigBlockingStub api() {
    return GrpcClients.stub(channel, 20_000);
  }

  @Test
  void createGetListReplaceDeleteWithVersions() {
    String trunk = createTrunk(name("grpc-in")).path("id");
    String name = name("grpc-inbound");
    InboundRule created =
        api()
            .createInboundRule(
                InboundRuleSpec.newBuilder()
                    .setName(name)
                    .setMatch(InboundRuleMatch.newBuilder().addTrunkIds(trunk).setDids("4420712*"))
                    .addDestinations(
                        DestinationSpec.newBuilder().setHost("pbx.example.com").setStripDigits(7))
                    .addDestinations(
                        DestinationSpec.newBuilder()
                            .setHost("pbx2.example.com")
                            .setTransport("TLS"))
                    .setSchedule(
                        RuleSchedule.newBuilder()
                            .setTimeZone("America/New_York")
                            .addWindows(
                                RuleWindow.newBuilder()
                                    .addDays("MON")
                                    .setStart("08:00")
                                    .setEnd("18:00")))
                    .setAfterHours(DestinationSpec.newBuilder().setHost("vm.example.com"))
                    .build());
    assertThat(created.getVersion()).isEqualTo(1);
    assertThat(created.getPriority()).isEqualTo(1000);
    assertThat(created.getEnabled()).isTrue();
    assertThat(created.getMatch().getTrunkIdsList()).containsExactly(trunk);
    assertThat(created.getMatch().getDids()).isEqualTo("4420712*");
    assertThat(created.getMatch().hasCallers()).isFalse();
    assertThat(created.getDestinations(0).getPort()).isEqualTo(5060);
    assertThat(created.getDestinations(0).getStripDigits()).isEqualTo(7);
    assertThat(created.getDestinations(1).getPort()).isEqualTo(5061);
    assertThat(created.getAfterHours().getHost()).isEqualTo("vm.example.com");
    assertThat(created.getSchedule().getWindows(0).getEnd()).isEqualTo("18:00");

    RuleId id = RuleId.newBuilder().setId(created.getId()).build();
    assertThat(api().getInboundRule(id)).isEqualTo(created);
    assertThat(api().listInboundRules(ListRulesRequest.getDefaultInstance()).getRulesList())
        .extracting(InboundRule::getId)
        .contains(created.getId());
    assertThat(
            api()
                .listInboundRules(ListRulesRequest.newBuilder().setEnabled(false).build())
                .getRulesList())
        .extracting(InboundRule::getId)
        .doesNotContain(created.getId());

    InboundRuleSpec replacement =
        InboundRuleSpec.newBuilder()
            .setName(name)
            .setEnabled(false)
            .setPriority(7)
            .addDestinations(DestinationSpec.newBuilder().setHost("192.0.2.30").setPort(5080))
            .build();
    ReplaceInboundRuleRequest basedOnVersion1 =
        ReplaceInboundRuleRequest.newBuilder()
            .setId(created.getId())
            .setIfMatchVersion(1)
            .setRule(replacement)
            .build();
    InboundRule replaced = api().replaceInboundRule(basedOnVersion1);
    assertThat(replaced.getVersion()).isEqualTo(2);
    assertThat(replaced.getEnabled()).isFalse();
    assertThat(replaced.hasSchedule()).isFalse();
    assertThat(replaced.hasAfterHours()).isFalse();
    assertThat(replaced.getMatch().getTrunkIdsCount()).isZero();

    assertStatus(() -> api().replaceInboundRule(basedOnVersion1), Status.Code.FAILED_PRECONDITION);
    assertStatus(
        () ->
            api()
                .deleteInboundRule(
                    DeleteRuleRequest.newBuilder()
                        .setId(created.getId())
                        .setIfMatchVersion(1)
                        .build()),
        Status.Code.FAILED_PRECONDITION);
    api()
        .deleteInboundRule(
            DeleteRuleRequest.newBuilder().setId(created.getId()).setIfMatchVersion(2).build());
    assertStatus(() -> api().getInboundRule(id), Status.Code.NOT_FOUND);
    // The outbound rule calls do not see inbound rules.
    assertStatus(() -> api().getRule(id), Status.Code.NOT_FOUND);
  }

  @Test
  void invalidRuleIsInvalidArgumentNamingEveryFieldAndNothingIsStored() {
    long before = count("select count(*) from inbound_rule");
    InboundRuleSpec bad =
        InboundRuleSpec.newBuilder()
            .setName("bad name")
            .setMatch(
                InboundRuleMatch.newBuilder()
                    .addTrunkIds(UUID.randomUUID().toString())
                    .setCallers("12-3"))
            .addDestinations(DestinationSpec.newBuilder().setPort(0))
            .build();
    StatusRuntimeException e =
        catchThrowableOfType(StatusRuntimeException.class, () -> api().createInboundRule(bad));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription().split("; "))
        .extracting(entry -> entry.substring(0, entry.indexOf(':')))
        .containsExactlyInAnyOrder(
            "name", "match.callers", "destinations[0].host", "destinations[0].port");
    assertThat(count("select count(*) from inbound_rule")).isEqualTo(before);
  }

  private static void assertStatus(Runnable call, Status.Code code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
  }
}
