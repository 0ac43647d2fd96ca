package io.trunkline.sip;

import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * SIP over TLS: the listener and the two clients, as Vert.x options the service builds from its TLS
 * configuration (key, trust, protocols, cipher suites). The stack only adds its idle timeout and
 * TCP_NODELAY; it never decides what is trusted.
 *
 * @param port the TLS listening port (0: any free port); ignored without a server
 * @param server the listener's options (SSL on, with this side's certificate), or null for no
 *     listener (a stack that only connects out over TLS)
 * @param verifyingClient client options that check the server's certificate against the trust and
 *     the peer name
 * @param trustingClient client options that accept any certificate (destinations with verify off)
 * @param peerAddress the address to connect to for (resolved IP and port, peer name): the name must
 *     reach Vert.x with the address for SNI and the host-name check
 */
public record SipTlsOptions(
    int port,
    NetServerOptions server,
    NetClientOptions verifyingClient,
    NetClientOptions trustingClient,
    BiFunction<InetSocketAddress, String, SocketAddress> peerAddress) {
  public SipTlsOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("TLS port " + port);
    }
    Objects.requireNonNull(verifyingClient, "verifyingClient");
    Objects.requireNonNull(trustingClient, "trustingClient");
    Objects.requireNonNull(peerAddress, "peerAddress");
    if (server != null && !server.isSsl()) {
      throw new IllegalArgumentException("the TLS listener's options must have SSL on");
    }
    if (!verifyingClient.isSsl() || !trustingClient.isSsl()) {
      throw new IllegalArgumentException("TLS client options must have SSL on");
    }
  }
}
