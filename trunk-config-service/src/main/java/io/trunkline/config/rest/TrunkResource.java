package io.trunkline.config.rest;

import io.smallrye.mutiny.Uni;
import io.trunkline.config.domain.trunk.TrunkView;
import io.trunkline.config.service.TrunkService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * SIP trunks: thin HTTP mapping onto {@link TrunkService}; get, create, replace, patch and delete
 * are those of every {@link VersionedResource}. Documented in {@code META-INF/openapi.yaml}.
 */
@Path("/api/v1/trunks")
@Produces(MediaType.APPLICATION_JSON)
public class TrunkResource extends VersionedResource<TrunkView> {

  private final TrunkService service;

  public TrunkResource(TrunkService service, Bodies bodies) {
    super(service, bodies);
    this.service = service;
  }

  @GET
  public Uni<List<TrunkView>> list(
      @QueryParam("provider") String provider, @QueryParam("enabled") String enabled) {
    return service.list(provider, Bodies.flag("enabled", enabled));
  }
}
