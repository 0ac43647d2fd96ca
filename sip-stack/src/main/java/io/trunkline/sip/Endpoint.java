package io.trunkline.sip;

import java.util.Objects;

/**
 * Where a message goes or came from. host is an IP literal (no brackets) or a DNS name. For TLS,
 * serverName is the name the peer's certificate must be for and the SNI sent (null: host itself),
 * and verify false accepts any certificate (a trunk with certificate checks switched off); both are
 * ignored for UDP and TCP.
 */
public record Endpoint(
    Transport transport, String host, int port, String serverName, boolean verify) {
  public Endpoint {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(host, "host");
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (transport != Transport.TLS || host.equalsIgnoreCase(serverName)) {
      serverName = null;
    }
    if (transport != Transport.TLS) {
      verify = true;
    }
  }

  /** An endpoint whose TLS peer (if TLS) is checked against host itself. */
  public Endpoint(Transport transport, String host, int port) {
    this(transport, host, port, null, true);
  }

  /**
   * A TLS endpoint at host (often an IP a name resolved to) whose certificate must be for
   * serverName, unless verify is false.
   */
  public static Endpoint tls(String host, int port, String serverName, boolean verify) {
    return new Endpoint(Transport.TLS, host, port, serverName, verify);
  }

  /**
   * The endpoint a URI names: its transport= parameter or dflt (TLS for sips:), its port or
   * 5060/5061.
   */
  public static Endpoint of(SipUri uri, Transport dflt) {
    if (uri.host() == null) {
      throw new IllegalArgumentException("URI has no host: " + uri);
    }
    boolean sips = "sips".equalsIgnoreCase(uri.scheme());
    Transport t = sips ? Transport.TLS : Transport.of(uri.param("transport"), dflt);
    return new Endpoint(t, uri.host(), uri.port() > 0 ? uri.port() : t.defaultPort());
  }

  /** The name a TLS peer's certificate is checked against: serverName, else host. */
  public String tlsName() {
    return serverName != null ? serverName : host;
  }

  /**
   * The same transport, port and TLS peer name at another host (e.g. the address a name resolved
   * to).
   */
  Endpoint withHost(String otherHost) {
    return new Endpoint(transport, otherHost, port, tlsName(), verify);
  }

  /**
   * The key of a connection in the stream connection cache: host:port for TCP; for TLS also the
   * peer name and whether it is verified, so that a connection set up without checks is never
   * reused for a destination that wants them.
   */
  String key() {
    if (transport != Transport.TLS) {
      return host + ':' + port;
    }
    String k = "tls:" + host + ':' + port;
    if (serverName != null) {
      k += '/' + serverName;
    }
    return verify ? k : k + "/unverified";
  }
}
