package io.trunkline.sip;

import java.util.Objects;

/** Where a message goes or came from. host is an IP literal (no brackets) or a DNS name. */
public record Endpoint(Transport transport, String host, int port) {
  public Endpoint {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(host, "host");
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
  }

  /** The endpoint a URI names: its transport= parameter or dflt, its port or 5060. */
  public static Endpoint of(SipUri uri, Transport dflt) {
    if (uri.host() == null) {
      throw new IllegalArgumentException("URI has no host: " + uri);
    }
    Transport t = Transport.of(uri.param("transport"), dflt);
    return new Endpoint(t, uri.host(), uri.port() > 0 ? uri.port() : 5060);
  }

  /** The same transport and port at another host (e.g. the address a name resolved to). */
  Endpoint withHost(String otherHost) {
    return new Endpoint(transport, otherHost, port);
  }

  /** host:port, the key of a connection in the TCP connection cache. */
  String key() {
    return host + ':' + port;
  }
}
