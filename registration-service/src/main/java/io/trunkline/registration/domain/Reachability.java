package io.trunkline.registration.domain;

/** OPTIONS reachability of a trunk as published on {@code trunk.status.v1}. */
public enum Reachability {
  UP,
  DOWN,
  UNKNOWN
}
