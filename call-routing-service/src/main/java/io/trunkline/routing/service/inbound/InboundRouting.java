package io.trunkline.routing.service.inbound;

import io.trunkline.routing.service.SourceClass;
import io.trunkline.routing.service.SourceClassifier;
import io.trunkline.routing.service.StateStore;
import io.trunkline.routing.service.Trunk;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the B2BUA asks about a call that may come from a trunk: whether its source is a trunk's (PBX
 * sources win ties), which trunk and DID it is, and where the inbound rules send it.
 */
@ApplicationScoped
public class InboundRouting {

  /**
   * What resolve-inbound answers: the trunk (null when unknown), the DID as normalised, whether the
   * trunk's pool holds it, and the routing (null when the DID is outside the pool).
   */
  public record DryRun(
      Trunk trunk, String did, boolean inPool, InboundResolver.Resolution resolution) {}

  private final SourceClassifier classifier;
  private final StateStore store;
  private final TrunkIdentifier identifier;
  private final InboundResolver resolver;

  public InboundRouting(
      SourceClassifier classifier,
      TrunkIdentifier identifier,
      InboundResolver resolver,
      StateStore store) {
    this.classifier = classifier;
    this.store = store;
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

  /** The decision an inbound call from trunkId to did by caller would get now, without a call. */
  public DryRun dryRun(String trunkId, String did, String caller) {
    Trunk t = store.snapshot().trunks().get(trunkId);
    if (t == null) {
      return new DryRun(null, null, false, null);
    }
    String normalised = DidNumbers.normalise(did, t.countryCode());
    if (!DidNumbers.inPool(t.didNumbers(), normalised, did)) {
      return new DryRun(t, normalised, false, null);
    }
    return new DryRun(t, normalised, true, resolver.resolve(t, normalised, caller));
  }

  /** Why a PBX destination cannot be tried now, or null. */
  public String skipReason(Trunk pbx) {
    return resolver.skipReason(pbx);
  }
}
