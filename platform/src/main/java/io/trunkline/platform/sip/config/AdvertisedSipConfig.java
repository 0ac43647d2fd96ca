package io.trunkline.platform.sip.config;

import io.smallrye.config.ConfigMapping;
import io.trunkline.platform.sip.AdvertisedAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code trunkline.sip.advertised.*} keys, written once for both SIP services: where peers
 * reach this service when that is not the bound address (a pod behind a node's public IP, a cloud
 * load balancer, a router forwarding the SIP port). What is set here goes into our Via sent-by (and
 * call-routing's Contact, registration's OPTIONS From) instead of {@code trunkline.sip.host}; the
 * bound address then never appears in a message. Registration's REGISTER Contact is call-routing's
 * address ({@code trunkline.registration.contact-uri}), where the provider's calls must go. Each
 * value is {@code host[:port]}; without a port the transport's bound port is advertised. Unset or
 * blank: the bound address is advertised, as on a lab network.
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

  /**
   * The configured addresses by lower-case transport name ({@code udp}, {@code tcp}, {@code tls}),
   * each transport's own value or else {@link #host()}; checked, so a malformed value stops the
   * service at startup rather than putting an unreachable address on the wire.
   */
  default Map<String, AdvertisedAddress> byTransport() {
    String prefix = "trunkline.sip.advertised.";
    Optional<AdvertisedAddress> common = AdvertisedAddress.parseOptional(host(), prefix + "host");
    Map<String, Optional<String>> own = new LinkedHashMap<>();
    own.put("udp", udp());
    own.put("tcp", tcp());
    own.put("tls", tls());
    Map<String, AdvertisedAddress> out = new LinkedHashMap<>();
    own.forEach(
        (transport, value) ->
            AdvertisedAddress.parseOptional(value, prefix + transport)
                .or(() -> common)
                .ifPresent(a -> out.put(transport, a)));
    return Map.copyOf(out);
  }
}
