package io.trunkline.routing.grpc;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.trunkline.routing.grpc.v1.CandidateRoute;
import io.trunkline.routing.grpc.v1.ResolveInboundRequest;
import io.trunkline.routing.grpc.v1.ResolveInboundResponse;
import io.trunkline.routing.grpc.v1.ResolveRequest;
import io.trunkline.routing.grpc.v1.ResolveResponse;
import io.trunkline.routing.grpc.v1.RoutingService;
import io.trunkline.routing.rest.ResolveResponse.Route;
import io.trunkline.routing.service.Resolution;
import io.trunkline.routing.service.RouteResolver;
import io.trunkline.routing.service.inbound.InboundRouting;

/** gRPC twin of POST /api/v1/routing/resolve and resolve-inbound. */
@GrpcService
public class RoutingGrpcService implements RoutingService {

  private final RouteResolver resolver;
  private final InboundRouting inbound;

  public RoutingGrpcService(RouteResolver resolver, InboundRouting inbound) {
    this.resolver = resolver;
    this.inbound = inbound;
  }

  @Override
  public Uni<ResolveInboundResponse> resolveInbound(ResolveInboundRequest req) {
    return InboundGrpcMapper.resolve(inbound, req);
  }

  @Override
  public Uni<ResolveResponse> resolve(ResolveRequest req) {
    if (!req.getDialled().matches("[0-9*#+]{1,32}")) {
      return Uni.createFrom()
          .failure(
              Status.INVALID_ARGUMENT
                  .withDescription("dialled: 1-32 of 0-9 * # +")
                  .asRuntimeException());
    }
    Resolution r = resolver.resolve(req.getCaller(), req.getDialled());
    if (r == null) {
      return Uni.createFrom()
          .failure(
              Status.NOT_FOUND.withDescription("no enabled rule matches").asRuntimeException());
    }
    io.trunkline.routing.rest.ResolveResponse view =
        io.trunkline.routing.rest.ResolveResponse.of(r);
    ResolveResponse.Builder b =
        ResolveResponse.newBuilder()
            .setRuleId(view.ruleId())
            .setRuleName(view.ruleName() == null ? "" : view.ruleName())
            .setPriority(view.priority())
            .setMatchedPrefixLength(view.matchedPrefixLength())
            .setStrategy(view.strategy());
    for (Route c : view.candidates()) {
      b.addCandidates(
          CandidateRoute.newBuilder()
              .setOrder(c.order())
              .setTrunkId(c.trunkId() == null ? "" : c.trunkId())
              .setTrunkName(c.trunkName() == null ? "" : c.trunkName())
              .setNumber(c.number() == null ? "" : c.number())
              .setCallerId(c.callerId() == null ? "" : c.callerId())
              .setAvailable(c.available())
              .setSkipReason(c.skipReason() == null ? "" : c.skipReason()));
    }
    return Uni.createFrom().item(b.build());
  }
}
