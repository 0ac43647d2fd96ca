package io.trunkline.config.rest;

import io.trunkline.config.domain.error.NotFoundException;
import io.trunkline.config.domain.provider.ProviderTemplate;
import io.trunkline.config.domain.provider.ProviderTemplates;
import io.trunkline.platform.problem.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Collection;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Provider templates, read-only: the catalogue ships with the service. */
@Path("/api/v1/providers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Providers", description = "Templates with each provider's trunk defaults")
@SecurityRequirement(name = "apiKey")
@APIResponse(
    responseCode = "401",
    description = "Missing or wrong API key",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ProviderResource {

  private final ProviderTemplates templates;

  public ProviderResource(ProviderTemplates templates) {
    this.templates = templates;
  }

  @GET
  @Operation(summary = "List provider templates")
  @APIResponse(
      responseCode = "200",
      description = "All templates",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = ProviderTemplate.class)))
  public Collection<ProviderTemplate> list() {
    return templates.all();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "Get a provider template")
  @APIResponse(
      responseCode = "200",
      description = "The template",
      content = @Content(schema = @Schema(implementation = ProviderTemplate.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such template",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public ProviderTemplate get(@PathParam("id") String id) {
    return templates.find(id).orElseThrow(() -> new NotFoundException("no provider " + id));
  }
}
