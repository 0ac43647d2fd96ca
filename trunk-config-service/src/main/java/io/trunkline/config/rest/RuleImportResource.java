package io.trunkline.config.rest;

import io.smallrye.common.annotation.Blocking;
import io.trunkline.config.service.RuleImport;
import io.trunkline.config.service.RuleImport.Format;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Bulk import of outbound rules: thin HTTP mapping onto {@link RuleImport}. */
@Path(RuleImportResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Outbound rules", description = "Which trunks outbound calls take")
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "503", ref = "Unavailable")
public class RuleImportResource {

  /** The import's path; the body size limit knows it by this name. */
  public static final String PATH = "/api/v1/outbound-rules:import";

  static final String NDJSON = "application/x-ndjson";
  static final String CSV = "text/csv";

  /** What an import answers. */
  @Schema(name = "RuleImportResult")
  public record Result(@Schema(description = "Rules stored and published") int imported) {}

  private final RuleImport service;

  public RuleImportResource(RuleImport service) {
    this.service = service;
  }

  @POST
  @Blocking
  @Consumes({NDJSON, CSV})
  @Operation(
      summary = "Import many outbound rules at once, all or nothing",
      description =
          "application/x-ndjson: one rule object per line, as POST /api/v1/outbound-rules takes"
              + " it. text/csv: a header row naming the fields by path (name, enabled, priority,"
              + " strategy, match.prefixes, match.lengths, match.callers, routes[0].trunkId,"
              + " routes[0].stripDigits, routes[0].prepend, routes[0].callerId, routes[0].weight,"
              + " routes[1]....), list items separated by spaces, empty cells left out. Every rule"
              + " is checked like a single creation; one bad line and nothing is stored, the 400"
              + " names each bad line as lines[<line number>].<field>. Each rule is published on"
              + " routing.rules.v1 as if created alone.")
  @RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = NDJSON,
            example =
                "{\"name\":\"uk\",\"match\":{\"prefixes\":[\"0044\"]},"
                    + "\"routes\":[{\"trunkId\":\"<trunk id>\",\"stripDigits\":4,\"prepend\":\"+44\"}]}"),
        @Content(
            mediaType = CSV,
            example =
                "name,priority,match.prefixes,routes[0].trunkId,routes[0].stripDigits\n"
                    + "uk,100,0044 0045,<trunk id>,4")
      })
  @APIResponse(
      responseCode = "200",
      description = "Every rule stored; their records follow on routing.rules.v1",
      content = @Content(schema = @Schema(implementation = Result.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "413", description = "The body is over the import's size limit")
  public Result importRules(@HeaderParam(HttpHeaders.CONTENT_TYPE) String type, String body) {
    Format format = type != null && type.startsWith(CSV) ? Format.CSV : Format.NDJSON;
    return new Result(service.importRules(body, format));
  }
}
