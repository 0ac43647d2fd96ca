package io.trunkline.config.domain.trunk;

/** SIP transport towards the provider. */
public enum Transport {
  UDP,
  TCP,
  TLS
}
