package io.trunkline.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * RFC 7807 problem details, the body of every error answer of every service ({@value #MEDIA_TYPE}).
 * {@code type} is {@value #TYPE_BASE} plus a slug naming the kind of problem; {@code instance} is
 * the request path; {@code errors} lists the bad fields of a 400 and is absent otherwise.
 */
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
  public static final String TYPE_BASE = "https://trunkline.io/problems/";

  /** A problem without field errors; {@code slug} names its kind, e.g. {@code not-found}. */
  public static Problem of(int status, String slug, String title, String detail, String path) {
    return new Problem(TYPE_BASE + slug, title, status, detail, path, null);
  }

  /** 400 listing every bad field of the request. */
  public static Problem invalid(List<FieldError> errors, String path) {
    return new Problem(
        TYPE_BASE + "invalid-request",
        "Invalid request",
        400,
        errors.size() + " invalid field(s)",
        path,
        List.copyOf(errors));
  }

  /** 404: the addressed thing does not exist. */
  public static Problem notFound(String detail, String path) {
    return of(404, "not-found", "Not found", detail, path);
  }

  /** 409: the request conflicts with the current state. */
  public static Problem conflict(String detail, String path) {
    return of(409, "conflict", "Conflict", detail, path);
  }

  /** 412: If-Match names another version than the current one. */
  public static Problem staleVersion(String detail, String path) {
    return of(412, "stale-version", "Precondition failed", detail, path);
  }

  /** 503: a dependency is down; answered with Retry-After. */
  public static Problem unavailable(String detail, String path) {
    return of(503, "unavailable", "Service unavailable", detail, path);
  }
}
