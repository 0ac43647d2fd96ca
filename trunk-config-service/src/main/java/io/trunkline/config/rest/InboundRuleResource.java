package io.trunkline.config.rest;

import io.smallrye.mutiny.Uni;
import io.trunkline.config.domain.rule.InboundRuleView;
import io.trunkline.config.service.InboundRuleService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Inbound rules: which PBX destinations a call from a trunk reaches. Thin HTTP mapping onto {@link
 * InboundRuleService}; get, create, replace, patch and delete are those of every {@link
 * VersionedResource}, as for the outbound rules. Documented in {@code META-INF/openapi.yaml}.
 */
@Path("/api/v1/inbound-rules")
@Produces(MediaType.APPLICATION_JSON)
public class InboundRuleResource extends VersionedResource<InboundRuleView> {

  private final InboundRuleService service;

  public InboundRuleResource(InboundRuleService service, Bodies bodies) {
    super(service, bodies);
    this.service = service;
  }

  @GET
  public Uni<List<InboundRuleView>> list(@QueryParam("enabled") String enabled) {
    return service.list(Bodies.flag("enabled", enabled));
  }
}
