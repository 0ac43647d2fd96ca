package io.trunkline.platform.problem.rest;

import io.trunkline.platform.problem.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** JAX-RS responses carrying a {@link Problem}. */
public final class ProblemResponses {

  private ProblemResponses() {}

  /** The problem with its status and {@value Problem#MEDIA_TYPE}. */
  public static Response of(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  /** A 503 that tells the client when to try again (whole seconds, at least 1). */
  public static Response unavailable(String detail, String path, Duration retryAfter) {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return Response.fromResponse(of(Problem.unavailable(detail, path)))
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
        .build();
  }
}
