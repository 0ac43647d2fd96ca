package io.trunkline.config.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.config.settings.BodyLimits;
import io.trunkline.config.settings.RuleImportConfig;
import io.trunkline.platform.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers an API request whose declared body is over the body limit with 413 problem+json before
 * the body is parsed. The body is read and dropped (up to a cap) before the answer, so that a
 * client still sending it gets to read the 413 instead of a reset connection. A chunked body (no
 * declared length) is read here against the same limit and answered the same way when it turns out
 * too large.
 */
@ApplicationScoped
public class BodySizeLimit {

  /** Beyond this much dropped body the connection is simply closed. */
  private static final long DRAIN_CAP = 64L * 1024 * 1024;

  private final long limit;
  private final long importLimit;
  private final ObjectMapper json;
  private final BodyHandler chunkedBodies;
  private final BodyHandler chunkedImports;

  public BodySizeLimit(BodyLimits limits, RuleImportConfig imports, ObjectMapper json) {
    this.limit = limits.ordinary().asLongValue();
    this.importLimit = imports.maxBodySize().asLongValue();
    this.json = json;
    this.chunkedBodies = BodyHandler.create(false).setBodyLimit(limit);
    this.chunkedImports = BodyHandler.create(false).setBodyLimit(importLimit);
  }

  void install(@Observes Router router) {
    router.route("/api/*").order(Integer.MIN_VALUE + 100).handler(this::check);
    router
        .route("/api/*")
        .order(Integer.MIN_VALUE + 101)
        .handler(this::readChunked)
        .failureHandler(this::chunkedTooLarge);
  }

  private void check(RoutingContext rc) {
    HttpServerRequest req = rc.request();
    long declared = declaredLength(req);
    // A rate deck is far larger than any single entity: the import has a limit of its own.
    long allowed = isImport(req) ? importLimit : limit;
    if (declared <= allowed) {
      rc.next();
      return;
    }
    String body = problem(req.path(), allowed);
    long[] dropped = {0};
    req.handler(
        buffer -> {
          dropped[0] += buffer.length();
          if (dropped[0] > DRAIN_CAP) {
            req.connection().close();
          }
        });
    req.endHandler(
        v ->
            rc.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body));
    req.exceptionHandler(e -> req.connection().close());
    req.resume();
  }

  /**
   * Bodies without a declared length are read here against their own limit (the import's or the
   * ordinary one) and handed on already read, so that one over it gets the same problem+json as a
   * declared one rather than Quarkus' bare 413.
   */
  private void readChunked(RoutingContext rc) {
    HttpServerRequest req = rc.request();
    if (declaredLength(req) >= 0 || !req.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
      rc.next();
    } else if (isImport(req)) {
      chunkedImports.handle(rc);
    } else {
      chunkedBodies.handle(rc);
    }
  }

  private void chunkedTooLarge(RoutingContext rc) {
    if (rc.statusCode() != 413) {
      rc.next();
      return;
    }
    HttpServerRequest req = rc.request();
    rc.response()
        .setStatusCode(413)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(problem(req.path(), isImport(req) ? importLimit : limit))
        .onComplete(v -> req.connection().close());
  }

  private static boolean isImport(HttpServerRequest req) {
    return req.path().endsWith(RuleImportResource.PATH);
  }

  private static long declaredLength(HttpServerRequest req) {
    String header = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private String problem(String path, long limit) {
    try {
      return json.writeValueAsString(
          Problem.of(
              413,
              "body-too-large",
              "Payload too large",
              "the request body is over the " + limit + " byte limit",
              path));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
