package io.trunkline.registration.sip;

import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * JAIN-SIP's network layer ({@code gov.nist.javax.sip.NETWORK_LAYER}): plain sockets as JAIN-SIP's
 * own default layer makes them, TLS sockets from the platform's TLS setup through {@link
 * TlsDestinations}, so that every TLS connection sends SNI and checks the certificate against the
 * trust store and the trunk's host name during the handshake. JAIN-SIP instantiates this class by
 * name; it finds its stack's {@link TlsDestinations} by the stack's (unique) name.
 */
public final class TlsNetworkLayer implements NetworkLayer {

  private static final Map<String, TlsDestinations> BY_STACK = new ConcurrentHashMap<>();

  private TlsDestinations destinations;

  /** Makes {@code destinations} the TLS side of the stack created next under {@code stackName}. */
  static void register(String stackName, TlsDestinations destinations) {
    BY_STACK.put(stackName, destinations);
  }

  static void unregister(String stackName) {
    BY_STACK.remove(stackName);
  }

  @Override
  public void setSipStack(SipStackImpl stack) {
    destinations = BY_STACK.get(stack.getStackName());
  }

  private TlsDestinations tls() throws IOException {
    if (destinations == null) {
      throw new IOException("TLS is not configured for this SIP stack");
    }
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
