package io.trunkline.config.rest;

import io.smallrye.mutiny.Uni;
import io.trunkline.config.domain.Versioned;
import io.trunkline.config.service.VersionedCrud;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The HTTP side of {@link VersionedCrud}, the same for every collection (trunks, outbound and
 * inbound rules): bodies parsed by {@link Bodies}, answers that carry the entity's version as their
 * ETag ({@code "3"}, as If-Match expects it), 201 with a Location on create and 204 on delete. A
 * subclass names the collection's path and adds its list operation. The operations are documented
 * per collection in {@code META-INF/openapi.yaml}, whose texts and schemas differ.
 */
abstract class VersionedResource<V extends Versioned> {

  private static final String IF_MATCH = "If-Match";

  private final VersionedCrud<V> service;
  private final Bodies bodies;

  VersionedResource(VersionedCrud<V> service, Bodies bodies) {
    this.service = service;
    this.bodies = bodies;
  }

  @GET
  @Path("/{id}")
  public Uni<Response> get(@PathParam("id") String id) {
    return service.get(id).map(VersionedResource::ok);
  }

  /** 201 with Location = the request's path plus the new id. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> create(String body, @Context UriInfo uri) {
    return service
        .create(bodies.object(body))
        .map(
            v ->
                Response.created(uri.getAbsolutePathBuilder().path(v.id().toString()).build())
                    .tag(tag(v))
                    .entity(v)
                    .build());
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> replace(
      @PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch, String body) {
    return service.replace(id, bodies.object(body), ifMatch).map(VersionedResource::ok);
  }

  @PATCH
  @Path("/{id}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  public Uni<Response> patch(
      @PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch, String body) {
    return service.patch(id, bodies.object(body), ifMatch).map(VersionedResource::ok);
  }

  @DELETE
  @Path("/{id}")
  public Uni<Response> delete(@PathParam("id") String id, @HeaderParam(IF_MATCH) String ifMatch) {
    return service.delete(id, ifMatch).map(v -> Response.noContent().build());
  }

  private static Response ok(Versioned v) {
    return Response.ok(v).tag(tag(v)).build();
  }

  private static EntityTag tag(Versioned v) {
    return new EntityTag(Long.toString(v.version()));
  }
}
