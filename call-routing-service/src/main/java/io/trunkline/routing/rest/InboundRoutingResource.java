package io.trunkline.routing.rest;

import io.trunkline.platform.problem.Problem;
import io.trunkline.platform.problem.rest.ProblemResponses;
import io.trunkline.routing.service.inbound.InboundRouting;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Dry-run inbound routing: which inbound rule and PBX destinations a call from a trunk to a DID
 * would get now (schedule and after-hours included); no call is placed. 404 says why there would be
 * none: unknown trunk, DID outside the trunk's pool, or no matching rule.
 */
@Path("/api/v1/routing")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InboundRoutingResource {

  private final InboundRouting inbound;

  public InboundRoutingResource(InboundRouting inbound) {
    this.inbound = inbound;
  }

  @POST
  @Path("/resolve-inbound")
  public Response resolveInbound(@Valid @NotNull ResolveInboundRequest req, @Context UriInfo uri) {
    InboundRouting.DryRun d =
        inbound.dryRun(req.trunkId(), req.did(), req.caller() == null ? "" : req.caller());
    if (d.trunk() == null) {
      return notFound("unknown-trunk", "No such trunk", "no trunk has this id", uri);
    }
    if (!d.inPool()) {
      return notFound(
          "did-not-in-pool", "Number not in pool", "the trunk's DID pool lacks this number", uri);
    }
    if (d.resolution().rule() == null) {
      return notFound("no-route", "No route", "no enabled inbound rule matches", uri);
    }
    return Response.ok(ResolveInboundResponse.of(d)).build();
  }

  private static Response notFound(String type, String title, String detail, UriInfo uri) {
    return ProblemResponses.of(Problem.of(404, type, title, detail, uri.getPath()));
  }
}
