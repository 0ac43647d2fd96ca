package io.trunkline.config.rest;

import io.smallrye.mutiny.Uni;
import io.trunkline.config.domain.rule.RuleView;
import io.trunkline.config.service.RuleService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Outbound rules: thin HTTP mapping onto {@link RuleService}; get, create, replace, patch and
 * delete are those of every {@link VersionedResource}. Documented in {@code META-INF/openapi.yaml}.
 */
@Path("/api/v1/outbound-rules")
@Produces(MediaType.APPLICATION_JSON)
public class OutboundRuleResource extends VersionedResource<RuleView> {

  private final RuleService service;

  public OutboundRuleResource(RuleService service, Bodies bodies) {
    super(service, bodies);
    this.service = service;
  }

  @GET
  public Uni<List<RuleView>> list(@QueryParam("enabled") String enabled) {
    return service.list(Bodies.flag("enabled", enabled));
  }
}
