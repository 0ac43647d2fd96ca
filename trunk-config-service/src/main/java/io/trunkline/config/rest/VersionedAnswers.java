package io.trunkline.config.rest;

import io.smallrye.mutiny.Uni;
import io.trunkline.config.domain.Versioned;
import io.trunkline.config.service.VersionedCrud;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The HTTP side of {@link VersionedCrud}, the same for every collection: bodies parsed by {@link
 * Bodies}, answers that carry the entity's version as their ETag ({@code "3"}, as If-Match expects
 * it), 201 with a Location on create and 204 on delete.
 */
final class VersionedAnswers<V extends Versioned> {

  private final VersionedCrud<V> service;
  private final Bodies bodies;

  VersionedAnswers(VersionedCrud<V> service, Bodies bodies) {
    this.service = service;
    this.bodies = bodies;
  }

  Uni<Response> get(String id) {
    return service.get(id).map(VersionedAnswers::ok);
  }

  /** 201 with Location = the request's path plus the new id. */
  Uni<Response> create(String body, UriInfo uri) {
    return service
        .create(bodies.object(body))
        .map(
            v ->
                Response.created(uri.getAbsolutePathBuilder().path(v.id().toString()).build())
                    .tag(tag(v))
                    .entity(v)
                    .build());
  }

  Uni<Response> replace(String id, String ifMatch, String body) {
    return service.replace(id, bodies.object(body), ifMatch).map(VersionedAnswers::ok);
  }

  Uni<Response> patch(String id, String ifMatch, String body) {
    return service.patch(id, bodies.object(body), ifMatch).map(VersionedAnswers::ok);
  }

  Uni<Response> delete(String id, String ifMatch) {
    return service.delete(id, ifMatch).map(v -> Response.noContent().build());
  }

  private static Response ok(Versioned v) {
    return Response.ok(v).tag(tag(v)).build();
  }

  private static EntityTag tag(Versioned v) {
    return new EntityTag(Long.toString(v.version()));
  }
}
