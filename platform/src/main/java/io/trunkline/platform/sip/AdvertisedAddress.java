package io.trunkline.platform.sip;

import java.util.Locale;
import java.util.Optional;

/**
 * Where peers reach a SIP service when that is not where it is bound: a public IP in front of a
 * pod, a load balancer, a router forwarding a port. Written {@code host[:port]} in configuration
 * ({@code [v6]:port} for IPv6); port 0 means "the bound port of that transport". Both SIP services
 * parse it here so that one operator value means the same in both.
 */
public record AdvertisedAddress(String host, int port) {

  public AdvertisedAddress {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("advertised address without a host");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("advertised port out of range: " + port);
    }
  }

  /**
   * Parses {@code host[:port]}; {@code key} names the setting in the error. A wildcard (0.0.0.0,
   * ::) is refused: it reaches nobody when written into a Via or Contact.
   */
  public static AdvertisedAddress parse(String spec, String key) {
    String s = spec == null ? "" : spec.trim();
    if (s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
      throw bad(key, spec, "expected host[:port]");
    }
    String host;
    String port = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 2) {
        throw bad(key, spec, "unterminated IPv6 literal");
      }
      host = s.substring(1, close);
      String rest = s.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw bad(key, spec, "expected :port after ]");
        }
        port = rest.substring(1);
      }
    } else {
      int colon = s.indexOf(':');
      if (colon >= 0 && s.indexOf(':', colon + 1) >= 0) {
        host = s; // a bare IPv6 literal: no port can follow it unbracketed
      } else if (colon >= 0) {
        host = s.substring(0, colon);
        port = s.substring(colon + 1);
      } else {
        host = s;
      }
    }
    if (host.isEmpty()) {
      throw bad(key, spec, "missing host");
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("0.0.0.0") || h.equals("::") || h.equals("0:0:0:0:0:0:0:0")) {
      throw bad(key, spec, "a wildcard address reaches nobody");
    }
    int p = 0;
    if (port != null) {
      if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
        throw bad(key, spec, "port must be 1-65535");
      }
      p = Integer.parseInt(port);
      if (p < 1 || p > 65535) {
        throw bad(key, spec, "port must be 1-65535");
      }
    }
    return new AdvertisedAddress(host, p);
  }

  /** A blank or absent setting means nothing is advertised (the bound address is used). */
  public static Optional<AdvertisedAddress> parseOptional(Optional<String> spec, String key) {
    return spec.filter(s -> !s.isBlank()).map(s -> parse(s, key));
  }

  /** This address, or the same host with this port when none was given. */
  public AdvertisedAddress withDefaultPort(int boundPort) {
    return port > 0 ? this : new AdvertisedAddress(host, boundPort);
  }

  /** {@code host:port} as it goes into a Via or URI (IPv6 in brackets). */
  public String hostPort() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port > 0 ? h + ':' + port : h;
  }

  private static IllegalArgumentException bad(String key, String spec, String why) {
    return new IllegalArgumentException(key + ": " + why + ", got '" + spec + "'");
  }
}
