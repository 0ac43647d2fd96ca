package io.trunkline.routing.service.call;

/**
 * A request inside an established (or early) dialog to relay to the other leg, with the
 * Max-Forwards it arrived with: relaying it is forwarding, so it goes down by one (RFC 7332).
 */
public record InDialogRequest(String method, SipBody body, int maxForwards) {

  /** Whether it may not be forwarded any more (483). */
  public boolean exhausted() {
    return maxForwards <= 0;
  }

  /** The request as relayed to the other leg. */
  public InDialogRequest forwarded() {
    return new InDialogRequest(method, body, Math.min(maxForwards - 1, Hops.INITIAL));
  }
}
