package io.trunkline.routing.service;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The classifier of today: PBX sources are the configured CIDRs ({@code
 * trunkline.routing.pbx-cidrs}), everything else is UNKNOWN. Trunk addresses (a trunk's host and
 * associated IPs) are not known here yet; they would come back as TRUNK from this class.
 */
@ApplicationScoped
public class PbxCidrClassifier implements SourceClassifier {

  private final CidrAccess pbx;

  public PbxCidrClassifier(CidrAccess pbx) {
    this.pbx = pbx;
  }

  @Override
  public SourceClass classify(String ip) {
    return pbx.allows(ip) ? SourceClass.PBX : SourceClass.UNKNOWN;
  }
}
