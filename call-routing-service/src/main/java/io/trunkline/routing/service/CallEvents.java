package io.trunkline.routing.service;

/** Where the B2BUA reports what happens to calls (call.events.v1). */
public interface CallEvents {

  /** Publishes one event; never blocks the caller. */
  void publish(CallEvent event);

  /** Whether events are published at all: when not, callers need not build them. */
  default boolean enabled() {
    return true;
  }
}
