package io.trunkline.routing.rest;

import io.trunkline.platform.problem.Problem;
import io.trunkline.platform.problem.rest.ProblemResponses;
import io.trunkline.routing.service.Resolution;
import io.trunkline.routing.service.RouteResolver;
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
 * Dry-run routing: which rule and trunks an outbound call would get, and which inbound rule and PBX
 * destinations a call from a trunk to a DID would get now (schedule and after-hours included); no
 * call is placed. A 404 says why there would be none: no matching rule, unknown trunk, or a DID
 * outside the trunk's pool.
 */
@Path("/api/v1/routing")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoutingResource {

  private final RouteResolver resolver;
  private final InboundRouting inbound;

  public RoutingResource(RouteResolver resolver, InboundRouting inbound) {
    this.resolver = resolver;
    this.inbound = inbound;
  }

  @POST
  @Path("/resolve")
  public Response resolve(@Valid @NotNull ResolveRequest req, @Context UriInfo uri) {
    Resolution r = resolver.resolve(req.caller() == null ? "" : req.caller(), req.dialled());
    if (r == null) {
      return notFound(
          "no-route", "No route", "no enabled rule matches caller and dialled number", uri);
    }
    return Response.ok(ResolveResponse.of(r)).build();
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
