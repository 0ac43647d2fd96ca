package io.trunkline.routing.rest;

import io.trunkline.routing.config.RoutingConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Every {@code /api/*} call needs {@code Authorization: Bearer <key>} (docs/contract.md). */
public class ApiKeyFilter {

  private final Set<String> keys;

  public ApiKeyFilter(RoutingConfig config) {
    this.keys = Set.copyOf(config.api().keys());
  }

  @ServerRequestFilter(preMatching = true)
  public Response check(ContainerRequestContext ctx) {
    String path = ctx.getUriInfo().getPath();
    if (!path.startsWith("/api/")) {
      return null;
    }
    String h = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (h != null
        && h.regionMatches(true, 0, "Bearer ", 0, 7)
        && keys.contains(h.substring(7).trim())) {
      return null;
    }
    return Problem.response(
            401, "Unauthorized", "a valid API key is required (Authorization: Bearer <key>)")
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .build();
  }
}
