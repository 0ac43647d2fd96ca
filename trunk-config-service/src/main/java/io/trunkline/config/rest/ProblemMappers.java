package io.trunkline.config.rest;

import io.trunkline.config.service.ConflictException;
import io.trunkline.config.service.Failures;
import io.trunkline.config.service.InvalidRequestException;
import io.trunkline.config.service.NotFoundException;
import io.trunkline.config.service.PreconditionFailedException;
import io.trunkline.config.service.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the API as application/problem+json. Messages never carry request values. */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response invalid(InvalidRequestException e, UriInfo uri) {
    return respond(Problem.invalid(e.errors(), uri.getPath()));
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e, UriInfo uri) {
    return respond(Problem.of(404, "not-found", "Not found", e.getMessage(), uri.getPath()));
  }

  @ServerExceptionMapper
  public Response conflict(ConflictException e, UriInfo uri) {
    return respond(Problem.of(409, "conflict", "Conflict", e.getMessage(), uri.getPath()));
  }

  @ServerExceptionMapper
  public Response stale(PreconditionFailedException e, UriInfo uri) {
    return respond(
        Problem.of(412, "stale-version", "Precondition failed", e.getMessage(), uri.getPath()));
  }

  @ServerExceptionMapper
  public Response unavailable(ServiceUnavailableException e, UriInfo uri) {
    return Response.fromResponse(
            respond(
                Problem.of(
                    503, "unavailable", "Service unavailable", e.getMessage(), uri.getPath())))
        .header("Retry-After", "5")
        .build();
  }

  /**
   * The body could not be read: a chunked body over the size limit (Quarkus has answered 413
   * already) or a client that went away mid-body. Not a server fault.
   */
  @ServerExceptionMapper
  public Response unreadable(
      java.io.IOException e, UriInfo uri, io.vertx.core.http.HttpServerRequest request) {
    LOG.debugf("request body of %s not read: %s", uri.getPath(), e.toString());
    if (request.response().ended()) {
      return null; // already answered (413) by the HTTP layer
    }
    boolean tooLarge = String.valueOf(e.getMessage()).contains("too large");
    return respond(
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

  /** JAX-RS errors (405, 406, 415, ...) keep their status but speak problem+json. */
  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse().getStatus();
    String title = e.getResponse().getStatusInfo().getReasonPhrase();
    return Response.fromResponse(
            respond(Problem.of(status, "http-" + status, title, title, uri.getPath())))
        .build();
  }

  /** Anything else: a wrapped service exception gets its own answer, the rest a 500. */
  @ServerExceptionMapper(priority = 10_000)
  public Response other(Throwable e, UriInfo uri) {
    Throwable t = Failures.unwrap(e);
    if (t instanceof ServiceUnavailableException u) {
      return unavailable(u, uri);
    }
    if (t instanceof ConflictException c) {
      return conflict(c, uri);
    }
    if (t instanceof NotFoundException n) {
      return notFound(n, uri);
    }
    if (t instanceof InvalidRequestException i) {
      return invalid(i, uri);
    }
    if (t instanceof PreconditionFailedException p) {
      return stale(p, uri);
    }
    LOG.errorf(e, "unexpected failure on %s", uri.getPath());
    return respond(
        Problem.of(500, "internal", "Internal error", "unexpected error", uri.getPath()));
  }

  static Response respond(Problem p) {
    return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
  }
}
