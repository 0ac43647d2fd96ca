package io.trunkline.routing.service.call;

/** Answers a relayed request on the leg it came from. */
@FunctionalInterface
public interface Responder {
  /** Sends the answer; the body may be null. */
  void respond(int code, String reason, SipBody body);
}
