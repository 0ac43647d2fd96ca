package io.trunkline.registration.service;

/** OPTIONS reachability of a trunk as published on {@code trunk.status.v1}. */
public enum Reachability {
  UP,
  DOWN,
  UNKNOWN
}
