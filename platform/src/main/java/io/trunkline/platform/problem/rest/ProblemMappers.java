package io.trunkline.platform.problem.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.trunkline.platform.problem.FieldError;
import io.trunkline.platform.problem.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of a service's REST API as {@link Problem}: bad input (Bean Validation, malformed or
 * mistyped JSON, an unreadable or too large body), JAX-RS's own answers (404, 405, 406, 415, ...),
 * the service's {@link DomainProblems}, and anything else as 500. No message repeats a value of the
 * request, which may be a password.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  private final Instance<DomainProblems> domains;

  public ProblemMappers(Instance<DomainProblems> domains) {
    this.domains = domains;
  }

  /** Bean Validation of a request: 400 with one entry per bad field. */
  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e, UriInfo uri) {
    List<FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new FieldError(fieldName(v), v.getMessage()))
            .toList();
    return ProblemResponses.of(Problem.invalid(errors, uri.getPath()));
  }

  /** A body that is not JSON: 400 naming where the parser stopped, never the text around it. */
  @ServerExceptionMapper
  public Response malformed(JsonParseException e, UriInfo uri) {
    return badJson(e, uri);
  }

  /** JSON of the wrong shape: 400 naming the field whose value has the wrong type. */
  @ServerExceptionMapper
  public Response mistyped(MismatchedInputException e, UriInfo uri) {
    return badJson(e, uri);
  }

  /**
   * The body could not be read: a chunked body over the size limit (Quarkus has answered 413
   * already) or a client that went away mid-body. Not a server fault.
   */
  @ServerExceptionMapper
  public Response unreadable(IOException e, UriInfo uri, HttpServerRequest request) {
    LOG.debugf("request body of %s not read: %s", uri.getPath(), e.toString());
    if (request.response().ended()) {
      return null; // already answered (413) by the HTTP layer
    }
    boolean tooLarge = String.valueOf(e.getMessage()).contains("too large");
    return ProblemResponses.of(
        tooLarge
            ? Problem.of(
                413,
                "body-too-large",
                "Payload too large",
                "the request body is over the limit",
                uri.getPath())
            : Problem.of(
                400,
                "body-unreadable",
                "Bad request",
                "the body could not be read",
                uri.getPath()));
  }

  /**
   * JAX-RS's own errors (404, 405, 406, 415, ...) keep their status and headers; a body the JSON
   * reader refused (it wraps the parser's error in a 400) names the bad field like the others.
   */
  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return badJson(json, uri);
    }
    Response original = e.getResponse();
    int status = original.getStatus();
    String title = original.getStatusInfo().getReasonPhrase();
    Problem problem = Problem.of(status, "http-" + status, title, title, uri.getPath());
    return Response.fromResponse(original).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  /**
   * Anything else: the first cause in the chain a {@link DomainProblems} knows gets its answer (a
   * service exception wrapped by a framework), the rest a 500.
   */
  @ServerExceptionMapper(priority = 10_000)
  public Response other(Throwable e, UriInfo uri) {
    String path = uri.getPath();
    for (Throwable c = e; c != null; c = c.getCause()) {
      for (DomainProblems domain : domains) {
        Response answer = domain.toResponse(c, path);
        if (answer != null) {
          return answer;
        }
      }
    }
    LOG.errorf(e, "unexpected failure on %s", path);
    return ProblemResponses.of(
        Problem.of(500, "internal", "Internal error", "unexpected error", path));
  }

  /** Malformed or mistyped JSON: where it went wrong, never the text around it. */
  private static Response badJson(JsonProcessingException e, UriInfo uri) {
    if (e instanceof UnrecognizedPropertyException u) {
      String field = jsonPath(u);
      return badField(field.isEmpty() ? u.getPropertyName() : field, "is not a known field", uri);
    }
    if (e instanceof MismatchedInputException m) {
      String field = jsonPath(m);
      return field.isEmpty()
          ? badField("body", "does not have the expected JSON structure", uri)
          : badField(field, "has the wrong type", uri);
    }
    JsonLocation at = e.getLocation();
    String where =
        at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    return badField("body", "is not valid JSON" + where, uri);
  }

  private static Response badField(String field, String message, UriInfo uri) {
    return ProblemResponses.of(
        Problem.invalid(List.of(new FieldError(field, message)), uri.getPath()));
  }

  /** The JSON name of a violated property: the last node of its path (method, argument dropped). */
  private static String fieldName(ConstraintViolation<?> v) {
    String name = null;
    for (Path.Node node : v.getPropertyPath()) {
      name = node.getName();
    }
    return name == null ? "body" : name;
  }

  private static String jsonPath(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()))
        .collect(Collectors.joining("."));
  }
}
