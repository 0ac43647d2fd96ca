package io.trunkline.registration.rest;

import io.smallrye.mutiny.Uni;
import io.trunkline.platform.problem.Problem;
import io.trunkline.platform.problem.rest.ProblemResponses;
import io.trunkline.registration.domain.RegistrationSupervisor;
import io.trunkline.registration.domain.RegistrationSupervisor.RefreshResult;
import io.trunkline.registration.event.TrunkStatusEvent;
import io.trunkline.registration.service.StatusService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * Registration status of the trunks this replica handles. Only this replica's trunks: the status of
 * every trunk is on {@code trunk.status.v1}, which the other replicas publish too.
 */
@Path("/api/v1/registrations")
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {

  private final StatusService status;
  private final RegistrationSupervisor trunks;

  public RegistrationResource(StatusService status, RegistrationSupervisor trunks) {
    this.status = status;
    this.trunks = trunks;
  }

  /** Every trunk of this replica's partitions with its registration and reachability. */
  @GET
  public List<TrunkStatusEvent> list() {
    return status.all();
  }

  /** One trunk; 404 when this replica does not handle it. */
  @GET
  @Path("/{trunkId}")
  public Response get(@PathParam("trunkId") String trunkId, @Context UriInfo uri) {
    return status
        .get(trunkId)
        .map(s -> Response.ok(s).build())
        .orElseGet(() -> notFound(trunkId, uri.getPath()));
  }

  /** Sends a REGISTER now (paced like all others); 202 with the current status. */
  @POST
  @Path("/{trunkId}/refresh")
  public Uni<Response> refresh(@PathParam("trunkId") String trunkId, @Context UriInfo uri) {
    String path = uri.getPath();
    return Uni.createFrom()
        .completionStage(trunks.refresh(trunkId))
        .map(
            result -> {
              if (result == RefreshResult.UNKNOWN) {
                return notFound(trunkId, path);
              }
              if (result == RefreshResult.NOT_REGISTERING) {
                return ProblemResponses.of(
                    Problem.conflict(
                        "trunk "
                            + trunkId
                            + " does not register (disabled or not authMode REGISTER)",
                        path));
              }
              return Response.accepted(status.get(trunkId).orElse(null)).build();
            });
  }

  private static Response notFound(String trunkId, String path) {
    return ProblemResponses.of(
        Problem.notFound("no registration for trunk " + trunkId + " on this replica", path));
  }
}
