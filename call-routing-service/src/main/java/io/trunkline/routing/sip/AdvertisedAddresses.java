package io.trunkline.routing.sip;

import io.trunkline.platform.sip.AdvertisedAddress;
import io.trunkline.platform.sip.config.AdvertisedSipConfig;
import io.trunkline.sip.SipStackOptions;
import io.trunkline.sip.Transport;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The configured advertised address of each transport, checked at startup (a malformed value stops
 * the service rather than putting an unreachable address on the wire).
 */
final class AdvertisedAddresses {

  private final Map<Transport, AdvertisedAddress> byTransport = new EnumMap<>(Transport.class);

  AdvertisedAddresses(AdvertisedSipConfig config) {
    Map<String, AdvertisedAddress> configured = config.byTransport();
    for (Transport t : Transport.values()) {
      AdvertisedAddress a = configured.get(t.name().toLowerCase(Locale.ROOT));
      if (a != null) {
        byTransport.put(t, a);
      }
    }
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
