package io.trunkline.routing.grpc;

import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import io.trunkline.routing.grpc.v1.PbxDestination;
import io.trunkline.routing.grpc.v1.ResolveInboundRequest;
import io.trunkline.routing.grpc.v1.ResolveInboundResponse;
import io.trunkline.routing.rest.ResolveInboundResponse.Destination;
import io.trunkline.routing.service.inbound.InboundRouting;

/** gRPC twin of POST /api/v1/routing/resolve-inbound: same checks, same answer, same 404s. */
final class InboundGrpcMapper {

  private InboundGrpcMapper() {}

  static Uni<ResolveInboundResponse> resolve(InboundRouting inbound, ResolveInboundRequest req) {
    if (req.getTrunkId().isBlank()) {
      return fail(Status.INVALID_ARGUMENT, "trunk_id: required");
    }
    if (!req.getDid().matches("\\+?[0-9*#]{1,32}")) {
      return fail(Status.INVALID_ARGUMENT, "did: 1-32 of 0-9 * # after an optional +");
    }
    InboundRouting.DryRun d = inbound.dryRun(req.getTrunkId(), req.getDid(), req.getCaller());
    if (d.trunk() == null) {
      return fail(Status.NOT_FOUND, "no trunk has this id");
    }
    if (!d.inPool()) {
      return fail(Status.NOT_FOUND, "the trunk's DID pool lacks this number");
    }
    if (d.resolution().rule() == null) {
      return fail(Status.NOT_FOUND, "no enabled inbound rule matches");
    }
    var view = io.trunkline.routing.rest.ResolveInboundResponse.of(d);
    ResolveInboundResponse.Builder b =
        ResolveInboundResponse.newBuilder()
            .setTrunkId(view.trunkId())
            .setTrunkName(view.trunkName())
            .setDid(view.did())
            .setRuleId(view.ruleId())
            .setRuleName(view.ruleName() == null ? "" : view.ruleName())
            .setPriority(view.priority())
            .setAfterHours(view.afterHours())
            .setTrunkSkipReason(view.trunkSkipReason() == null ? "" : view.trunkSkipReason());
    for (Destination x : view.destinations()) {
      b.addDestinations(
          PbxDestination.newBuilder()
              .setOrder(x.order())
              .setHost(x.host())
              .setPort(x.port())
              .setTransport(x.transport())
              .setNumber(x.number())
              .setAvailable(x.available())
              .setSkipReason(x.skipReason() == null ? "" : x.skipReason()));
    }
    return Uni.createFrom().item(b.build());
  }

  private static <T> Uni<T> fail(Status status, String why) {
    return Uni.createFrom().failure(status.withDescription(why).asRuntimeException());
  }
}
