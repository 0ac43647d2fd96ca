package io.trunkline.registration.sip;

import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * JAIN-SIP's network layer: plain sockets as JAIN-SIP's own default layer makes them, TLS sockets
 * from the platform's TLS setup through {@link TlsDestinations}, so that every TLS connection sends
 * SNI and checks the certificate against the trust store and the trunk's host name during the
 * handshake. Installed into the stack directly: JAIN-SIP's {@code NETWORK_LAYER} property loads a
 * class by name through its own class loader, which cannot see this service's classes in Quarkus.
 */
final class TlsNetworkLayer implements NetworkLayer {

  private final TlsDestinations destinations;

  private TlsNetworkLayer(TlsDestinations destinations) {
    this.destinations = destinations;
  }

  /** Makes {@code destinations} the source of the stack's sockets; before any listening point. */
  static void install(SipStackImpl stack, TlsDestinations destinations) {
    try {
      Field layer = SIPTransactionStack.class.getDeclaredField("networkLayer");
      layer.setAccessible(true);
      layer.set(stack, new TlsNetworkLayer(destinations));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot install the TLS network layer: " + e, e);
    }
  }

  @Override
  public void setSipStack(SipStackImpl stack) {
    // nothing to take from the stack: the destinations carry the TLS setup
  }

  private TlsDestinations tls() {
    return destinations;
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, InetAddress bind)
      throws IOException {
    return new ServerSocket(port, backlog, bind);
  }

  @Override
  public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bind)
      throws IOException {
    return tls().listen(port, backlog, bind);
  }

  @Override
  public Socket createSocket(InetAddress address, int port) throws IOException {
    return new Socket(address, port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress local) throws IOException {
    return createSocket(address, port, local, 0);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort)
      throws IOException {
    Socket socket = new Socket();
    if (local != null) {
      socket.bind(new InetSocketAddress(local, localPort));
    }
    socket.connect(new InetSocketAddress(address, port));
    return socket;
  }

  @Override
  public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
    return tls().connect(address, port, null);
  }

  @Override
  public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress local)
      throws IOException {
    return tls().connect(address, port, local);
  }

  @Override
  public DatagramSocket createDatagramSocket() throws SocketException {
    return new DatagramSocket();
  }

  @Override
  public DatagramSocket createDatagramSocket(int port, InetAddress bind) throws SocketException {
    return new DatagramSocket(port, bind);
  }
}
