package io.trunkline.registration.config;

import io.smallrye.config.ConfigMapping;
import io.trunkline.platform.sip.AdvertisedAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where registrars reach this service when that is not the bound address (a pod behind a node's
 * public IP, a load balancer, a router forwarding the port): it goes into the Via sent-by of every
 * REGISTER and OPTIONS and the host of the OPTIONS From instead of {@code trunkline.sip.host}. Each
 * value is {@code host[:port]}; without a port the transport's bound port is advertised. Unset or
 * blank: the bound address, as on a lab network. The REGISTER Contact is call-routing's address
 * ({@code trunkline.registration.contact-uri}), where the provider's calls must go.
 */
@ConfigMapping(prefix = "trunkline.sip.advertised")
public interface AdvertisedSipConfig {

  /** Public address for every transport without a value of its own. */
  Optional<String> host();

  /** Public {@code host[:port]} for SIP over UDP; wins over {@link #host()}. */
  Optional<String> udp();

  /** Public {@code host[:port]} for SIP over TCP; wins over {@link #host()}. */
  Optional<String> tcp();

  /** Public {@code host[:port]} for SIP over TLS; wins over {@link #host()}. */
  Optional<String> tls();

  /** The configured addresses by lower-case transport name, checked (a bad value stops startup). */
  static Map<String, AdvertisedAddress> byTransport(AdvertisedSipConfig c) {
    String prefix = "trunkline.sip.advertised.";
    Optional<AdvertisedAddress> common = AdvertisedAddress.parseOptional(c.host(), prefix + "host");
    Map<String, AdvertisedAddress> out = new HashMap<>();
    Map.of("udp", c.udp(), "tcp", c.tcp(), "tls", c.tls())
        .forEach(
            (t, v) ->
                AdvertisedAddress.parseOptional(v, prefix + t)
                    .or(() -> common)
                    .ifPresent(a -> out.put(t, a)));
    return Map.copyOf(out);
  }
}
