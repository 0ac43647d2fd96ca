package io.trunkline.config.rest;

import io.smallrye.mutiny.Uni;
import io.trunkline.config.domain.rule.InboundRuleInput;
import io.trunkline.config.domain.rule.InboundRuleView;
import io.trunkline.config.service.InboundRuleService;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Inbound rules: which PBX destinations a call from a trunk reaches. Thin HTTP mapping onto {@link
 * InboundRuleService}; the verbs, ETags and errors are those of the outbound rules.
 */
@Path("/api/v1/inbound-rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inbound rules", description = "Where calls from the trunks reach the PBX")
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "503", ref = "Unavailable")
public class InboundRuleResource {

  private static final String IF_MATCH = "If-Match";

  private final InboundRuleService service;
  private final VersionedAnswers<InboundRuleView> answers;

  public InboundRuleResource(InboundRuleService service, Bodies bodies) {
    this.service = service;
    this.answers = new VersionedAnswers<>(service, bodies);
  }

  @GET
  @Operation(summary = "List inbound rules", description = "Sorted by priority, then age.")
  @APIResponse(
      responseCode = "200",
      content =
          @Content(
              schema = @Schema(type = SchemaType.ARRAY, implementation = InboundRuleView.class)))
  public Uni<List<InboundRuleView>> list(@QueryParam("enabled") String enabled) {
    return service.list(Bodies.flag("enabled", enabled));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "Get an inbound rule; ETag carries its version")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = InboundRuleView.class)))
  @APIResponse(responseCode = "404", ref = "NotFound")
  public Uni<Response> get(@PathParam("id") String id) {
    return answers.get(id);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create an inbound rule",
      description = "Named trunks must exist (else 400).")
  @RequestBody(content = @Content(schema = @Schema(implementation = InboundRuleInput.class)))
  @APIResponse(
      responseCode = "201",
      content = @Content(schema = @Schema(implementation = InboundRuleView.class)))
  @APIResponse(responseCode = "409", ref = "Conflict")
  public Uni<Response> create(String body, @Context UriInfo uri) {
    return answers.create(body, uri);
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Replace an inbound rule (412 when If-Match is stale)")
  @RequestBody(content = @Content(schema = @Schema(implementation = InboundRuleInput.class)))
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = InboundRuleView.class)))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "412", ref = "PreconditionFailed")
  public Uni<Response> replace(
      @PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch, String body) {
    return answers.replace(id, ifMatch, body);
  }

  @PATCH
  @Path("/{id}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  @Operation(summary = "Merge-patch an inbound rule (RFC 7396; 412 when If-Match is stale)")
  @RequestBody(content = @Content(schema = @Schema(implementation = InboundRuleInput.class)))
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = InboundRuleView.class)))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "412", ref = "PreconditionFailed")
  public Uni<Response> patch(
      @PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch, String body) {
    return answers.patch(id, ifMatch, body);
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete an inbound rule; its tombstone goes to inbound.rules.v1")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "412", ref = "PreconditionFailed")
  public Uni<Response> delete(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch) {
    return answers.delete(id, ifMatch);
  }
}
