package io.trunkline.config.service;

/** SIP transport towards the provider. */
public enum Transport {
  UDP,
  TCP,
  TLS
}
