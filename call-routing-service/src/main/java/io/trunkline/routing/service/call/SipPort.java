package io.trunkline.routing.service.call;

/**
 * The narrow interface of the SIP layer as the B2BUA logic sees it. The logic (rule match, trunk
 * choice, failover, caller ID, auth, accounting) depends only on this package, never on a SIP
 * stack, so the stack can be replaced.
 */
public interface SipPort {

  /** Sends a new INVITE on a trunk leg; answers arrive on the listener. */
  TrunkLeg invite(TrunkInvite invite, TrunkLeg.Listener listener);
}
