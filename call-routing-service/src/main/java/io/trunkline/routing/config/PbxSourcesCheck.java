package io.trunkline.routing.config;

import io.trunkline.platform.deploy.ProductionSettings;
import io.trunkline.platform.deploy.config.ProductionGuard;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * call-routing's own production check: the PBX sources must be chosen for the deployment, not the
 * packaged loopback fallback nor everything (a wrong list lets strangers place calls on the
 * trunks).
 */
@ApplicationScoped
public class PbxSourcesCheck implements ProductionGuard.ServiceChecks {

  private final RoutingConfig config;

  public PbxSourcesCheck(RoutingConfig config) {
    this.config = config;
  }

  @Override
  public List<String> problems() {
    return ProductionSettings.pbxCidrs(
        "trunkline.routing.pbx-cidrs (TRUNKLINE_ROUTING_PBX_CIDRS)",
        Optional.ofNullable(config.routing().pbxCidrs()));
  }
}
