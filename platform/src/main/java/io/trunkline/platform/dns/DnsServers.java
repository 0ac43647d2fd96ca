package io.trunkline.platform.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ResolverConfig;

/** Turns the configured {@code host[:port]} list into socket addresses; empty: the system's. */
final class DnsServers {

  private DnsServers() {}

  static List<InetSocketAddress> parse(List<String> servers) {
    if (servers.isEmpty()) {
      List<InetSocketAddress> system = ResolverConfig.getCurrentConfig().servers();
      return system.isEmpty() ? List.of(new InetSocketAddress("127.0.0.1", 53)) : system;
    }
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (String server : servers) {
      addresses.add(parseOne(server.trim()));
    }
    return addresses;
  }

  private static InetSocketAddress parseOne(String server) {
    String host = server;
    int port = 53;
    if (server.startsWith("[")) {
      int close = server.indexOf(']');
      if (close < 0) {
        throw invalid(server);
      }
      host = server.substring(1, close);
      String rest = server.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw invalid(server);
        }
        port = port(server, rest.substring(1));
      }
    } else if (server.indexOf(':') >= 0 && server.indexOf(':') == server.lastIndexOf(':')) {
      host = server.substring(0, server.indexOf(':'));
      port = port(server, server.substring(server.indexOf(':') + 1));
    }
    if (host.isEmpty()) {
      throw invalid(server);
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("DNS server " + server + ": unknown host", e);
    }
  }

  private static int port(String server, String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(server);
  }

  private static IllegalArgumentException invalid(String server) {
    return new IllegalArgumentException(
        "DNS server '" + server + "' is not host[:port] or [IPv6]:port");
  }
}
