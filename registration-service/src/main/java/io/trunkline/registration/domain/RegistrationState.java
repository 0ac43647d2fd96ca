package io.trunkline.registration.domain;

/** Registration state of a trunk as published on {@code trunk.status.v1}. */
public enum RegistrationState {
  UNREGISTERED,
  REGISTERING,
  REGISTERED,
  FAILED,
  NOT_REQUIRED
}
