package io.trunkline.sip;

import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Stack settings. host is the address bound and advertised in Via (use a real interface address,
 * not 0.0.0.0); port 0 picks a port free for both UDP and TCP. A udpReceiveBuffer or maxMessageSize
 * of 0 or less means the default (4 MiB, 65535 bytes); null timers mean RFC 3261 values; a null or
 * blank userAgent adds no User-Agent header; null limits mean {@link SipLimits#defaults()}; null
 * tls means no TLS (sending to a TLS endpoint fails).
 *
 * <p>advertised: per transport, the address peers must use to reach us when it is not the bound one
 * (a public IP in front of a pod, a load balancer, a NAT with a port forward). It replaces the
 * bound host and port in our Via sent-by and in {@link SipStack#sentBy}; port 0 keeps the bound
 * port. Unresolved addresses: a name stays a name. Absent transports advertise the bound address.
 */
public record SipStackOptions(
    String host,
    int port,
    int udpReceiveBuffer,
    int maxMessageSize,
    SipTimers timers,
    String userAgent,
    SipLimits limits,
    Map<Transport, InetSocketAddress> advertised,
    SipTlsOptions tls) {
  public static final int DEFAULT_UDP_RECEIVE_BUFFER = 4 << 20;
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 65535;

  public SipStackOptions {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port);
    }
    if (udpReceiveBuffer <= 0) {
      udpReceiveBuffer = DEFAULT_UDP_RECEIVE_BUFFER;
    }
    if (maxMessageSize <= 0) {
      maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
    }
    if (timers == null) {
      timers = SipTimers.rfc3261();
    }
    if (limits == null) {
      limits = SipLimits.defaults();
    }
    advertised = advertised == null ? Map.of() : Map.copyOf(advertised);
    for (Map.Entry<Transport, InetSocketAddress> e : advertised.entrySet()) {
      String h = e.getValue().getHostString();
      if (h == null || h.isBlank() || h.equals("0.0.0.0") || h.equals("::")) {
        throw new IllegalArgumentException("advertised " + e.getKey() + " host: " + h);
      }
    }
  }

  /** Defaults for everything but the address. */
  public static SipStackOptions of(String host, int port) {
    return new SipStackOptions(host, port, 0, 0, null, "Trunkline", null, null, null);
  }

  public SipStackOptions withTimers(SipTimers t) {
    return new SipStackOptions(
        host, port, udpReceiveBuffer, maxMessageSize, t, userAgent, limits, advertised, tls);
  }

  public SipStackOptions withLimits(SipLimits l) {
    return new SipStackOptions(
        host, port, udpReceiveBuffer, maxMessageSize, timers, userAgent, l, advertised, tls);
  }

  /** These options with host[:port] advertised for a transport (port 0: the bound port). */
  public SipStackOptions withAdvertised(Transport t, String host, int port) {
    Map<Transport, InetSocketAddress> a = new EnumMap<>(Transport.class);
    a.putAll(advertised);
    a.put(t, InetSocketAddress.createUnresolved(host, port));
    return new SipStackOptions(
        host(), port(), udpReceiveBuffer, maxMessageSize, timers, userAgent, limits, a, tls);
  }

  /** These settings with SIP over TLS (null: none). */
  public SipStackOptions withTls(SipTlsOptions t) {
    return new SipStackOptions(
        host, port, udpReceiveBuffer, maxMessageSize, timers, userAgent, limits, advertised, t);
  }
}
