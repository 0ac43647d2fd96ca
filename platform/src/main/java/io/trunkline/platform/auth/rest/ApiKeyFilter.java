package io.trunkline.platform.auth.rest;

import io.trunkline.platform.auth.ApiKeys;
import io.trunkline.platform.problem.Problem;
import io.trunkline.platform.problem.rest.ProblemResponses;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Deny by default: every REST request needs {@code Authorization: Bearer <key>}, whatever its path
 * (an unknown path too, so that it does not reveal what exists), except {@link ApiKeys#isOpen}
 * ones. Runs before routing; a refused request gets 401 problem+json and {@code WWW-Authenticate}.
 */
public class ApiKeyFilter {

  /** The challenge of a refused request (RFC 6750). */
  public static final String CHALLENGE = "Bearer realm=\"trunkline\"";

  private final ApiKeys keys;

  public ApiKeyFilter(ApiKeys keys) {
    this.keys = keys;
  }

  @ServerRequestFilter(preMatching = true)
  public Response check(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (ApiKeys.isOpen(path) || keys.accepts(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
      return null;
    }
    return Response.fromResponse(
            ProblemResponses.of(
                Problem.of(
                    401,
                    "unauthorized",
                    "Unauthorized",
                    "a valid API key is required: Authorization: Bearer <key>",
                    path)))
        .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
        .build();
  }
}
