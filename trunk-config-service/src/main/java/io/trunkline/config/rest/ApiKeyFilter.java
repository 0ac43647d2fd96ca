package io.trunkline.config.rest;

import io.trunkline.config.service.ApiKeys;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Every REST resource of the API needs a bearer API key; /q/* is not served by resources. */
public class ApiKeyFilter {

  private final ApiKeys keys;

  public ApiKeyFilter(ApiKeys keys) {
    this.keys = keys;
  }

  @ServerRequestFilter(preMatching = true)
  public Response check(ContainerRequestContext ctx) {
    String path = ctx.getUriInfo().getPath();
    if (!path.startsWith("/api/") || keys.accepts(ctx.getHeaderString(HttpHeaders.AUTHORIZATION))) {
      return null;
    }
    return Response.fromResponse(
            ProblemMappers.respond(
                Problem.of(
                    401,
                    "unauthorized",
                    "Unauthorized",
                    "a valid API key is required: Authorization: Bearer <key>",
                    path)))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"trunkline\"")
        .build();
  }
}
