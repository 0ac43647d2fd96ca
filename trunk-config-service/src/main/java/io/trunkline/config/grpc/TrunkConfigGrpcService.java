package io.trunkline.config.grpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.trunkline.config.domain.provider.ProviderTemplates;
import io.trunkline.config.grpc.v1.DeleteReply;
import io.trunkline.config.grpc.v1.DeleteRuleRequest;
import io.trunkline.config.grpc.v1.DeleteTrunkRequest;
import io.trunkline.config.grpc.v1.InboundRule;
import io.trunkline.config.grpc.v1.InboundRuleList;
import io.trunkline.config.grpc.v1.InboundRuleSpec;
import io.trunkline.config.grpc.v1.ListProvidersRequest;
import io.trunkline.config.grpc.v1.ListRulesRequest;
import io.trunkline.config.grpc.v1.ListTrunksRequest;
import io.trunkline.config.grpc.v1.ProviderList;
import io.trunkline.config.grpc.v1.ReplaceInboundRuleRequest;
import io.trunkline.config.grpc.v1.ReplaceRuleRequest;
import io.trunkline.config.grpc.v1.ReplaceTrunkRequest;
import io.trunkline.config.grpc.v1.Rule;
import io.trunkline.config.grpc.v1.RuleId;
import io.trunkline.config.grpc.v1.RuleList;
import io.trunkline.config.grpc.v1.RuleSpec;
import io.trunkline.config.grpc.v1.Trunk;
import io.trunkline.config.grpc.v1.TrunkConfig;
import io.trunkline.config.grpc.v1.TrunkId;
import io.trunkline.config.grpc.v1.TrunkList;
import io.trunkline.config.grpc.v1.TrunkSpec;
import io.trunkline.config.service.InboundRuleService;
import io.trunkline.config.service.RuleService;
import io.trunkline.config.service.TrunkService;
import java.util.function.Supplier;

/** gRPC face of {@link TrunkService}: the same use cases and validation as REST. */
@GrpcService
public class TrunkConfigGrpcService implements TrunkConfig {

  private final TrunkService service;
  private final RuleService rules;
  private final InboundRuleService inbound;
  private final ProviderTemplates templates;
  private final GrpcMapping mapping;

  public TrunkConfigGrpcService(
      TrunkService service,
      RuleService rules,
      InboundRuleService inbound,
      ProviderTemplates templates,
      GrpcMapping mapping) {
    this.service = service;
    this.rules = rules;
    this.inbound = inbound;
    this.templates = templates;
    this.mapping = mapping;
  }

  @Override
  public Uni<Trunk> createTrunk(TrunkSpec request) {
    return guard(() -> service.create(mapping.toJson(request)).map(GrpcMapping::toProto));
  }

  @Override
  public Uni<Trunk> getTrunk(TrunkId request) {
    return guard(() -> service.get(request.getId()).map(GrpcMapping::toProto));
  }

  @Override
  public Uni<TrunkList> listTrunks(ListTrunksRequest request) {
    return guard(
        () ->
            service
                .list(
                    request.hasProvider() ? request.getProvider() : null,
                    request.hasEnabled() ? request.getEnabled() : null)
                .map(
                    l ->
                        TrunkList.newBuilder()
                            .addAllTrunks(l.stream().map(GrpcMapping::toProto).toList())
                            .build()));
  }

  @Override
  public Uni<Trunk> replaceTrunk(ReplaceTrunkRequest request) {
    ObjectNode body = mapping.toJson(request.getTrunk());
    String ifMatch = ifMatch(request.hasIfMatchVersion(), request.getIfMatchVersion());
    return guard(() -> service.replace(request.getId(), body, ifMatch).map(GrpcMapping::toProto));
  }

  @Override
  public Uni<DeleteReply> deleteTrunk(DeleteTrunkRequest request) {
    String ifMatch = ifMatch(request.hasIfMatchVersion(), request.getIfMatchVersion());
    return guard(
        () -> service.delete(request.getId(), ifMatch).map(v -> DeleteReply.getDefaultInstance()));
  }

  @Override
  public Uni<ProviderList> listProviders(ListProvidersRequest request) {
    return Uni.createFrom()
        .item(
            ProviderList.newBuilder()
                .addAllProviders(templates.all().stream().map(GrpcMapping::toProto).toList())
                .build());
  }

  @Override
  public Uni<Rule> createRule(RuleSpec request) {
    return guard(() -> rules.create(mapping.toJson(request)).map(GrpcMapping::toProto));
  }

  @Override
  public Uni<Rule> getRule(RuleId request) {
    return guard(() -> rules.get(request.getId()).map(GrpcMapping::toProto));
  }

  @Override
  public Uni<RuleList> listRules(ListRulesRequest request) {
    return guard(
        () ->
            rules
                .list(request.hasEnabled() ? request.getEnabled() : null)
                .map(
                    l ->
                        RuleList.newBuilder()
                            .addAllRules(l.stream().map(GrpcMapping::toProto).toList())
                            .build()));
  }

  @Override
  public Uni<Rule> replaceRule(ReplaceRuleRequest request) {
    ObjectNode body = mapping.toJson(request.getRule());
    String ifMatch = ifMatch(request.hasIfMatchVersion(), request.getIfMatchVersion());
    return guard(() -> rules.replace(request.getId(), body, ifMatch).map(GrpcMapping::toProto));
  }

  @Override
  public Uni<DeleteReply> deleteRule(DeleteRuleRequest request) {
    String ifMatch = ifMatch(request.hasIfMatchVersion(), request.getIfMatchVersion());
    return guard(
        () -> rules.delete(request.getId(), ifMatch).map(v -> DeleteReply.getDefaultInstance()));
  }

  @Override
  public Uni<InboundRule> createInboundRule(InboundRuleSpec request) {
    return guard(() -> inbound.create(mapping.toJson(request)).map(GrpcMapping::toProto));
  }

  @Override
  public Uni<InboundRule> getInboundRule(RuleId request) {
    return guard(() -> inbound.get(request.getId()).map(GrpcMapping::toProto));
  }

  @Override
  public Uni<InboundRuleList> listInboundRules(ListRulesRequest request) {
    Boolean enabled = request.hasEnabled() ? request.getEnabled() : null;
    return guard(
        () ->
            inbound
                .list(enabled)
                .map(l -> l.stream().map(GrpcMapping::toProto).toList())
                .map(l -> InboundRuleList.newBuilder().addAllRules(l).build()));
  }

  @Override
  public Uni<InboundRule> replaceInboundRule(ReplaceInboundRuleRequest request) {
    ObjectNode body = mapping.toJson(request.getRule());
    String ifMatch = ifMatch(request.hasIfMatchVersion(), request.getIfMatchVersion());
    return guard(() -> inbound.replace(request.getId(), body, ifMatch).map(GrpcMapping::toProto));
  }

  @Override
  public Uni<DeleteReply> deleteInboundRule(DeleteRuleRequest request) {
    String ifMatch = ifMatch(request.hasIfMatchVersion(), request.getIfMatchVersion());
    return guard(
        () ->
            inbound.delete(request.getId(), ifMatch).replaceWith(DeleteReply.getDefaultInstance()));
  }

  /** The If-Match header value a version sent over gRPC stands for (null: none sent). */
  private static String ifMatch(boolean present, long version) {
    return present ? "\"" + version + "\"" : null;
  }

  /** Runs the call and turns every failure (also synchronous ones) into a gRPC status. */
  private static <T> Uni<T> guard(Supplier<Uni<? extends T>> call) {
    return Uni.createFrom()
        .deferred(call)
        .onFailure()
        .transform(GrpcErrors::toStatus)
        .onCancellation()
        .invoke(
            () -> org.jboss.logging.Logger.getLogger("DEBUGCANCEL").info("grpc call cancelled"));
  }
}
