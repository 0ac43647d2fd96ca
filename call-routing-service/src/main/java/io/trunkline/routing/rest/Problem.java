package io.trunkline.routing.rest;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 7807 problem+json bodies. */
public final class Problem {

  /** The media type of problem bodies. */
  public static final String TYPE = "application/problem+json";

  private Problem() {}

  /** A problem response builder with type about:blank, title and detail. */
  public static Response.ResponseBuilder response(int status, String title, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    return Response.status(status).type(TYPE).entity(body);
  }
}
