package io.trunkline.routing.service.inbound;

import io.trunkline.routing.service.SourceClass;
import io.trunkline.routing.service.SourceClassifier;
import io.trunkline.routing.service.Trunk;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the B2BUA asks about a call that may come from a trunk: whether its source is a trunk's (PBX
 * sources win ties), which trunk and DID it is, and where the inbound rules send it.
 */
@ApplicationScoped
public class InboundRouting {

  private final SourceClassifier classifier;
  private final TrunkIdentifier identifier;
  private final InboundResolver resolver;

  public InboundRouting(
      SourceClassifier classifier, TrunkIdentifier identifier, InboundResolver resolver) {
    this.classifier = classifier;
    this.identifier = identifier;
    this.resolver = resolver;
  }

  /** Whether an INVITE from ip is an inbound call (a trunk's source rather than a PBX's). */
  public boolean fromTrunk(String ip) {
    return classifier.classify(ip) == SourceClass.TRUNK;
  }

  /** The trunk and DID of an inbound INVITE, or why it is refused. */
  public TrunkIdentifier.Identified identify(String ip, String requestUriUser, String toUser) {
    return identifier.identify(ip, requestUriUser, toUser);
  }

  /** The rule and PBX destinations for an identified call. */
  public InboundResolver.Resolution resolve(Trunk trunk, String did, String caller) {
    return resolver.resolve(trunk, did, caller);
  }

  /** Why a PBX destination cannot be tried now, or null. */
  public String skipReason(Trunk pbx) {
    return resolver.skipReason(pbx);
  }
}
