package io.trunkline.routing.service;

import io.trunkline.routing.service.inbound.TrunkAddressBook;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * PBX sources are the configured CIDRs ({@code trunkline.routing.pbx-cidrs}), trunk sources the
 * addresses of the enabled trunks ({@link TrunkAddressBook}). Where both hold an address, the more
 * specific CIDR decides (a trunk's 127.0.0.2/32 beats the PBX's 127.0.0.0/8); on a tie it is the
 * PBX, so an operator's PBX range is never taken away by a broad trunk entry.
 */
@ApplicationScoped
public class PbxCidrClassifier implements SourceClassifier {

  private final CidrAccess pbx;
  private final TrunkAddressBook trunks;

  public PbxCidrClassifier(CidrAccess pbx, TrunkAddressBook trunks) {
    this.pbx = pbx;
    this.trunks = trunks;
  }

  @Override
  public SourceClass classify(String ip) {
    int trunkBits = trunks.longestMatch(ip);
    if (trunkBits < 0) {
      return pbx.allows(ip) ? SourceClass.PBX : SourceClass.UNKNOWN;
    }
    return pbx.longestMatch(ip) >= trunkBits ? SourceClass.PBX : SourceClass.TRUNK;
  }
}
