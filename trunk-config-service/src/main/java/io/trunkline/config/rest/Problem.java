package io.trunkline.config.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.trunkline.config.service.FieldError;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 7807 problem details; {@code errors} lists the bad fields of a 400. */
@Schema(name = "Problem", description = "RFC 7807 problem details (application/problem+json)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    @Schema(example = "https://trunkline.io/problems/invalid-request") String type,
    @Schema(example = "Invalid request") String title,
    @Schema(example = "400") int status,
    @Schema(example = "2 invalid field(s)") String detail,
    @Schema(description = "Request path") String instance,
    @Schema(description = "One entry per bad field (400 only)") List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String BASE = "https://trunkline.io/problems/";

  public static Problem of(int status, String slug, String title, String detail, String path) {
    return new Problem(BASE + slug, title, status, detail, path, null);
  }

  public static Problem invalid(List<FieldError> errors, String path) {
    return new Problem(
        BASE + "invalid-request",
        "Invalid request",
        400,
        errors.size() + " invalid field(s)",
        path,
        errors);
  }
}
