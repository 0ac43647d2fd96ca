package io.trunkline.routing.sip;

import io.trunkline.platform.sip.AdvertisedAddress;
import io.trunkline.routing.config.AdvertisedSipConfig;
import io.trunkline.sip.SipStackOptions;
import io.trunkline.sip.Transport;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configured advertised address of each transport, checked at startup (a malformed value stops
 * the service rather than putting an unreachable address on the wire).
 */
final class AdvertisedAddresses {

  private static final String PREFIX = "trunkline.sip.advertised.";

  private final Map<Transport, AdvertisedAddress> byTransport = new EnumMap<>(Transport.class);

  AdvertisedAddresses(AdvertisedSipConfig config) {
    Optional<AdvertisedAddress> common =
        AdvertisedAddress.parseOptional(config.host(), PREFIX + "host");
    for (Transport t : Transport.values()) {
      String key = t.name().toLowerCase(Locale.ROOT);
      Optional<AdvertisedAddress> own =
          AdvertisedAddress.parseOptional(valueFor(config, key), PREFIX + key);
      own.or(() -> common).ifPresent(a -> byTransport.put(t, a));
    }
  }

  private static Optional<String> valueFor(AdvertisedSipConfig config, String transport) {
    return switch (transport) {
      case "udp" -> config.udp();
      case "tcp" -> config.tcp();
      case "tls" -> config.tls();
      default -> Optional.empty();
    };
  }

  /** The stack's options with every configured address applied. */
  SipStackOptions applyTo(SipStackOptions options) {
    SipStackOptions o = options;
    for (Map.Entry<Transport, AdvertisedAddress> e : byTransport.entrySet()) {
      o = o.withAdvertised(e.getKey(), e.getValue().host(), e.getValue().port());
    }
    return o;
  }

  boolean isEmpty() {
    return byTransport.isEmpty();
  }
}
