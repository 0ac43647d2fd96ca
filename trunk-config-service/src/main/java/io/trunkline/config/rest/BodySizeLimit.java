package io.trunkline.config.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.trunkline.platform.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
  private final ObjectMapper json;

  public BodySizeLimit(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit,
      ObjectMapper json) {
    this.limit = limit.asLongValue();
    this.json = json;
  }

  void install(@Observes Router router) {
    router.route("/api/*").order(Integer.MIN_VALUE + 100).handler(this::check);
  }

  private void check(RoutingContext rc) {
    HttpServerRequest req = rc.request();
    long declared = declaredLength(req);
    if (declared <= limit) {
      rc.next();
      return;
    }
    String body = problem(req.path());
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

  private String problem(String path) {
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
