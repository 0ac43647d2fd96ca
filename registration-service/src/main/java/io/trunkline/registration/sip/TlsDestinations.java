package io.trunkline.registration.sip;

import io.trunkline.platform.tls.SipTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.sip.SipException;
import org.jboss.logging.Logger;

/**
 * For each TLS destination (address and port), the host name its certificate must be for and
 * whether it is checked at all: JAIN-SIP asks its network layer for a socket by address only, after
 * the trunk's name was resolved, so the sender records the name here first. The name is the trunk's
 * configured one (its outbound proxy's, when set), also when DNS gave an SRV target.
 *
 * <p>JAIN-SIP keeps one connection per destination. When a destination is next wanted for another
 * name or verify flag (two trunks on one address), the connection made for the old one is closed,
 * so that a trunk that verifies never rides on a connection that was not verified for it.
 */
final class TlsDestinations {

  private static final Logger LOG = Logger.getLogger(TlsDestinations.class);

  /** The name a destination's certificate is checked against, and whether it is checked. */
  record Peer(String serverName, boolean verify) {}

  private record Made(Peer peer, SSLSocket socket, AtomicBoolean handshaken) {}

  private final SipTls tls;
  private final Map<InetSocketAddress, Peer> expected = new ConcurrentHashMap<>();
  private final Map<InetSocketAddress, Made> made = new ConcurrentHashMap<>();

  TlsDestinations(SipTls tls) {
    this.tls = tls;
  }

  SipTls tls() {
    return tls;
  }

  /** The next connection to {@code destination} is for {@code serverName} ({@code verify}). */
  void expect(InetSocketAddress destination, String serverName, boolean verify) {
    Peer peer = new Peer(serverName.toLowerCase(Locale.ROOT), verify);
    expected.put(destination, peer);
    Made old = made.get(destination);
    if (old != null && !old.peer().equals(peer) && made.remove(destination, old)) {
      LOG.debugf("closing the TLS connection to %s made for %s", destination, old.peer());
      closeQuietly(old.socket());
    }
  }

  /**
   * A client socket to the destination, set up for the name recorded for it (SNI, and unless the
   * trunk has {@code tlsVerify: false} a certificate chaining to the trust store and naming that
   * host, checked during the handshake JAIN-SIP starts). A destination nobody announced is checked
   * against its IP address.
   */
  SSLSocket connect(InetAddress address, int port, InetAddress local) throws IOException {
    InetSocketAddress destination = new InetSocketAddress(address, port);
    Peer peer = expected.getOrDefault(destination, new Peer(address.getHostAddress(), true));
    Made previous = made.remove(destination);
    if (previous != null) {
      closeQuietly(previous.socket());
    }
    SSLSocket socket = tls.clientSocket(destination, local, peer.serverName(), peer.verify());
    AtomicBoolean handshaken = new AtomicBoolean();
    socket.addHandshakeCompletedListener(e -> handshaken.set(true));
    made.put(destination, new Made(peer, socket, handshaken));
    return socket;
  }

  /**
   * {@code e}, or when the last connection to {@code destination} was opened (TCP) but its TLS
   * handshake never completed, a failure that says so with a TLS cause: a peer that accepts and
   * never answers the handshake leaves no TLS exception, as JAIN-SIP's handshake timeout closes the
   * socket under it. Called on the thread that sent, right after the send failed.
   */
  SipException explained(InetSocketAddress destination, SipException e) {
    Made last = made.get(destination);
    if (last == null || last.handshaken().get() || TlsFailures.isTls(e)) {
      return e;
    }
    SSLHandshakeException cause =
        new SSLHandshakeException("no TLS handshake from " + destination + " in time");
    cause.initCause(e);
    return new SipException(cause.getMessage(), cause);
  }

  /** The TLS listening socket: inbound requests need this service's own certificate. */
  SSLServerSocket listen(int port, int backlog, InetAddress bind) throws IOException {
    SSLServerSocket server =
        (SSLServerSocket) tls.context().getServerSocketFactory().createServerSocket();
    server.setSSLParameters(tls.serverParameters());
    server.bind(new InetSocketAddress(bind, port), backlog);
    return server;
  }

  private static void closeQuietly(SSLSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debugf("closing a TLS socket: %s", e.getMessage());
    }
  }
}
