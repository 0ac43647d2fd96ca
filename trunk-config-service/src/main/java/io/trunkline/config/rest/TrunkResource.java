package io.trunkline.config.rest;

import io.smallrye.mutiny.Uni;
import io.trunkline.config.domain.trunk.TrunkInput;
import io.trunkline.config.domain.trunk.TrunkView;
import io.trunkline.config.service.TrunkService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** SIP trunks: thin HTTP mapping onto {@link TrunkService}. */
@Path("/api/v1/trunks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Trunks", description = "SIP trunks towards providers")
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "503", ref = "Unavailable")
public class TrunkResource {

  private final TrunkService service;
  private final VersionedAnswers<TrunkView> answers;

  public TrunkResource(TrunkService service, Bodies bodies) {
    this.service = service;
    this.answers = new VersionedAnswers<>(service, bodies);
  }

  @GET
  @Operation(summary = "List trunks", description = "Sorted by name; optional filters.")
  @APIResponse(
      responseCode = "200",
      description = "The trunks",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = TrunkView.class)))
  public Uni<List<TrunkView>> list(
      @Parameter(description = "Only trunks of this provider template") @QueryParam("provider")
          String provider,
      @Parameter(description = "Only enabled (true) or disabled (false) trunks")
          @QueryParam("enabled")
          String enabled) {
    return service.list(provider, Bodies.flag("enabled", enabled));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "Get a trunk")
  @APIResponse(
      responseCode = "200",
      description = "The trunk; ETag carries its version",
      content = @Content(schema = @Schema(implementation = TrunkView.class)))
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Uni<Response> get(@PathParam("id") String id) {
    return answers.get(id);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a trunk",
      description = "Fields left out take the provider template's defaults, then the service's.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = TrunkInput.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created; Location names it",
      content = @Content(schema = @Schema(implementation = TrunkView.class)))
  @APIResponse(responseCode = "409", ref = "Conflict")
  public Uni<Response> create(String body, @Context UriInfo uri) {
    return answers.create(body, uri);
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Replace a trunk",
      description = "Full replace; a left-out password keeps the stored one.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = TrunkInput.class)))
  @APIResponse(
      responseCode = "200",
      description = "Replaced",
      content = @Content(schema = @Schema(implementation = TrunkView.class)))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "412", ref = "PreconditionFailed")
  public Uni<Response> replace(
      @PathParam("id") String id,
      @Parameter(description = "ETag the change is based on; 412 when stale")
          @HeaderParam("If-Match")
          String ifMatch,
      String body) {
    return answers.replace(id, ifMatch, body);
  }

  @PATCH
  @Path("/{id}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  @Operation(summary = "Change some fields of a trunk", description = "RFC 7396 merge patch.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = TrunkInput.class)))
  @APIResponse(
      responseCode = "200",
      description = "Changed",
      content = @Content(schema = @Schema(implementation = TrunkView.class)))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "412", ref = "PreconditionFailed")
  public Uni<Response> patch(
      @PathParam("id") String id,
      @Parameter(description = "ETag the change is based on; 412 when stale")
          @HeaderParam("If-Match")
          String ifMatch,
      String body) {
    return answers.patch(id, ifMatch, body);
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a trunk", description = "409 while an outbound rule uses it.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "412", ref = "PreconditionFailed")
  public Uni<Response> delete(
      @PathParam("id") String id,
      @Parameter(description = "ETag the change is based on; 412 when stale")
          @HeaderParam("If-Match")
          String ifMatch) {
    return answers.delete(id, ifMatch);
  }
}
