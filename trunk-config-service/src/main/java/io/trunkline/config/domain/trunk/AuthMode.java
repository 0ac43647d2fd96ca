package io.trunkline.config.domain.trunk;

/** How the trunk authenticates: REGISTER and DIGEST with credentials, IP by source address. */
public enum AuthMode {
  REGISTER,
  DIGEST,
  IP
}
