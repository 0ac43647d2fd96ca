package io.trunkline.routing.service;

/** Who a packet's source address is, as far as this service can tell from the address alone. */
public enum SourceClass {
  /** One of the PBX sources of configuration: may place calls. */
  PBX,
  /** An address of a configured trunk. */
  TRUNK,
  /** Anybody else. */
  UNKNOWN
}
