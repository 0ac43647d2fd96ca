package io.trunkline.config.domain.trunk;

/** How the trunk authenticates (DESIGN.md 3). */
public enum AuthMode {
  REGISTER,
  DIGEST,
  IP
}
