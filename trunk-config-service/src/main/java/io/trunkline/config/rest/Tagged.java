package io.trunkline.config.rest;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/** Answers that carry the entity's version as their ETag ({@code "3"}), as If-Match expects it. */
final class Tagged {

  private Tagged() {}

  static Response ok(Object entity, long version) {
    return Response.ok(entity).tag(tag(version)).build();
  }

  /** 201 with Location = the request's path plus the new id. */
  static Response created(UriInfo uri, UUID id, Object entity, long version) {
    return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build())
        .tag(tag(version))
        .entity(entity)
        .build();
  }

  private static EntityTag tag(long version) {
    return new EntityTag(Long.toString(version));
  }
}
