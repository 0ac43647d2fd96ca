package io.trunkline.registration.rest;

import io.trunkline.registration.config.ApiConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Every REST call needs {@code Authorization: Bearer <key>} (DESIGN.md 6); /q/* stays open. */
public class ApiKeyFilter {

  private static final String BEARER = "Bearer ";
  private final List<byte[]> keys;

  public ApiKeyFilter(ApiConfig config) {
    this.keys =
        config.keys().stream()
            .map(String::trim)
            .filter(k -> !k.isEmpty())
            .map(k -> k.getBytes(StandardCharsets.UTF_8))
            .toList();
  }

  @ServerRequestFilter(preMatching = true)
  public Response check(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (path.startsWith("/q/") || path.equals("/q")) {
      return null;
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header != null && header.startsWith(BEARER)) {
      byte[] given = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
      for (byte[] key : keys) {
        if (MessageDigest.isEqual(key, given)) {
          return null;
        }
      }
    }
    Response problem =
        Problem.of(
            401, "Unauthorized", "a valid API key is required (Authorization: Bearer <key>)");
    return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
  }
}
