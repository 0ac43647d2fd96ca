package io.trunkline.platform.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/** TLS peers for the tests: a server that reports each handshake, raw JSSE peers for controls. */
final class TlsPeers {

  private TlsPeers() {}

  /** What the server saw of one connection. */
  record Handshake(boolean ok, String protocol, List<String> sni, String peer, String error) {}

  /** Accepts connections on a listening socket, shakes hands, answers one byte, closes. */
  static final class Server implements AutoCloseable {
    private final SSLServerSocket socket;
    private final BlockingQueue<Handshake> handshakes = new LinkedBlockingQueue<>();
    private final Thread thread;

    Server(SSLServerSocket socket) {
      this.socket = socket;
      this.thread = new Thread(this::acceptLoop, "tls-test-server");
      thread.setDaemon(true);
      thread.start();
    }

    InetSocketAddress address() {
      return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
    }

    /** The next connection's outcome, as the server saw it. */
    Handshake next() throws InterruptedException {
      Handshake h = handshakes.poll(15, TimeUnit.SECONDS);
      if (h == null) {
        throw new AssertionError("no connection reached the test server");
      }
      return h;
    }

    private void acceptLoop() {
      while (!socket.isClosed()) {
        try (SSLSocket s = (SSLSocket) socket.accept()) {
          s.setSoTimeout(10_000);
          try {
            s.startHandshake();
            ExtendedSSLSession session = (ExtendedSSLSession) s.getSession();
            String peer = null;
            try {
              peer =
                  ((X509Certificate) session.getPeerCertificates()[0])
                      .getSubjectX500Principal()
                      .getName();
            } catch (javax.net.ssl.SSLPeerUnverifiedException none) {
              // no client certificate
            }
            // a TLS 1.3 server learns of a refused client certificate on the first read
            s.getOutputStream().write('!');
            s.getOutputStream().flush();
            s.getInputStream().read();
            handshakes.add(
                new Handshake(
                    true,
                    session.getProtocol(),
                    session.getRequestedServerNames().stream().map(TlsPeers::sniName).toList(),
                    peer,
                    null));
          } catch (IOException e) {
            handshakes.add(new Handshake(false, null, List.of(), null, e.toString()));
          }
        } catch (IOException closed) {
          return;
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** Reads the server's byte and answers one: proves both sides finished the handshake. */
  static void exchange(SSLSocket socket) throws IOException {
    try (socket) {
      InputStream in = socket.getInputStream();
      if (in.read() != '!') {
        throw new IOException("the server closed the connection");
      }
      socket.getOutputStream().write('?');
      socket.getOutputStream().flush();
    }
  }

  /** A JSSE server that speaks exactly these protocols, outside the library's control. */
  static Server rawServer(java.nio.file.Path pkcs12, String password, String... protocols)
      throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = java.nio.file.Files.newInputStream(pkcs12)) {
      store.load(in, password.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
    kmf.init(store, password.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    SSLServerSocket socket =
        (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
    socket.setEnabledProtocols(protocols);
    socket.bind(new InetSocketAddress("127.0.0.1", 0));
    return new Server(socket);
  }

  /** A JSSE client that speaks exactly these protocols and trusts anything. */
  static SSLSocket rawClient(InetSocketAddress server, String... protocols) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {TrustEverything.INSTANCE}, null);
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
    socket.connect(server, 5_000);
    socket.setSoTimeout(10_000);
    socket.setEnabledProtocols(protocols);
    socket.startHandshake();
    return socket;
  }

  private static String sniName(SNIServerName name) {
    return name instanceof SNIHostName host ? host.getAsciiName() : name.toString();
  }
}
