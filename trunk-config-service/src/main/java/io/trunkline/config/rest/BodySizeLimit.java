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
 * client still sending it gets to read the 413 instead of a reset connection. A chunked body that
 * turns out too large is cut by Quarkus itself (413 without a body).
 */
@ApplicationScoped
public class BodySizeLimit {

  /** Beyond this much dropped body the connection is simply closed. */
  private static final long DRAIN_CAP = 64L * 1024 * 1024;

  private final long limit;
  private final long importLimit;
  private final ObjectMapper json;
  private final BodyHandler chunkedBodies;

  public BodySizeLimit(BodyLimits limits, RuleImportConfig imports, ObjectMapper json) {
    this.limit = limits.ordinary().asLongValue();
    this.importLimit = imports.maxBodySize().asLongValue();
    this.json = json;
    this.chunkedBodies = BodyHandler.create(false).setBodyLimit(limit);
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
    boolean ruleImport = req.path().endsWith(RuleImportResource.PATH);
    long allowed = ruleImport ? importLimit : limit;
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
   * Quarkus cuts bodies without a declared length only at the import's (larger) ceiling: ordinary
   * ones are read here against their own limit, and handed on already read.
   */
  private void readChunked(RoutingContext rc) {
    HttpServerRequest req = rc.request();
    if (declaredLength(req) < 0
        && !req.path().endsWith(RuleImportResource.PATH)
        && req.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
      chunkedBodies.handle(rc);
    } else {
      rc.next();
    }
  }

  private void chunkedTooLarge(RoutingContext rc) {
    if (rc.statusCode() != 413) {
      rc.next();
      return;
    }
    rc.response()
        .setStatusCode(413)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(problem(rc.request().path(), limit))
        .onComplete(v -> rc.request().connection().close());
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
