package io.trunkline.platform.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One concrete place to send a SIP request to, in the order a client tries them.
 *
 * @param address the IP address
 * @param port the port
 * @param transport the transport
 * @param serverName the name to send in TLS SNI and to verify the server certificate against: the
 *     host the lookup started from (RFC 5922 section 4: never the SRV target, which an attacker who
 *     forges DNS answers would control); an IP literal when the host was one
 * @param targetName the name whose A/AAAA record gave the address (an SRV target, or the host); for
 *     logs
 */
public record SipTarget(
    InetAddress address, int port, SipTransport transport, String serverName, String targetName) {

  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(address, port);
  }

  @Override
  public String toString() {
    return transport + ":" + address.getHostAddress() + ":" + port + " (" + targetName + ")";
  }
}
