package io.trunkline.config.service;

/** How the trunk authenticates (DESIGN.md 3). */
public enum AuthMode {
  REGISTER,
  DIGEST,
  IP
}
