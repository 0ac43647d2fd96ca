package io.trunkline.routing.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Where providers and PBXs reach this service when that is not the bound address (a pod behind a
 * node's public IP, a cloud load balancer, a router forwarding the SIP port). What is set here goes
 * into our Via sent-by and Contact instead of {@code trunkline.sip.host}; the bound address then
 * never appears in a message. Each value is {@code host[:port]}; without a port the transport's
 * bound port is advertised. Unset or blank: the bound address is advertised, as on a lab network.
 */
@ConfigMapping(prefix = "trunkline.sip.advertised")
public interface AdvertisedSipConfig {

  /**
   * Public address for every transport without a value of its own: usually the only key to set,
   * with the external IP or name of the SIP Service (a port here applies to every transport).
   */
  Optional<String> host();

  /** Public {@code host[:port]} for SIP over UDP; wins over {@link #host()}. */
  Optional<String> udp();

  /** Public {@code host[:port]} for SIP over TCP; wins over {@link #host()}. */
  Optional<String> tcp();

  /** Public {@code host[:port]} for SIP over TLS; wins over {@link #host()}. */
  Optional<String> tls();
}
