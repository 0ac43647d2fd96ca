package io.trunkline.config.domain.trunk;

/** How the called number is sent to the provider. */
public enum NumberFormat {
  AS_DIALED,
  E164,
  E164_NO_PLUS
}
