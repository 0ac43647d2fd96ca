package io.trunkline.routing.rest;

import io.trunkline.platform.problem.Problem;
import io.trunkline.platform.problem.rest.ProblemResponses;
import io.trunkline.routing.service.Resolution;
import io.trunkline.routing.service.RouteResolver;
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

/** Dry-run routing: which rule and trunks a call would get; no call is placed. */
@Path("/api/v1/routing")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoutingResource {

  private final RouteResolver resolver;

  public RoutingResource(RouteResolver resolver) {
    this.resolver = resolver;
  }

  @POST
  @Path("/resolve")
  public Response resolve(@Valid @NotNull ResolveRequest req, @Context UriInfo uri) {
    Resolution r = resolver.resolve(req.caller() == null ? "" : req.caller(), req.dialled());
    if (r == null) {
      return ProblemResponses.of(
          Problem.of(
              404,
              "no-route",
              "No route",
              "no enabled rule matches caller and dialled number",
              uri.getPath()));
    }
    return Response.ok(ResolveResponse.of(r)).build();
  }
}
