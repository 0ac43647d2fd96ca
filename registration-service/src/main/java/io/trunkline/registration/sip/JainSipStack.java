package io.trunkline.registration.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.HopImpl;
import gov.nist.javax.sip.stack.SIPTransaction;
import io.trunkline.platform.sip.AdvertisedAddress;
import io.trunkline.platform.tls.SipTls;
import io.trunkline.registration.config.SipConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import javax.sip.ClientTransaction;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RouteHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import org.jboss.logging.Logger;

/**
 * Owns the one JAIN-SIP stack of this service: UDP and TCP listening points on the configured
 * address (TLS when TLS is configured), one provider, one listener.
 */
public final class JainSipStack implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(JainSipStack.class);

  private final SipConfig config;
  private final Map<String, AdvertisedAddress> advertised;
  private final Tls tls;
  private final TlsDestinations tlsDestinations;
  private SipStack stack;
  private SipProvider provider;
  private AddressFactory addressFactory;
  private HeaderFactory headerFactory;
  private MessageFactory messageFactory;

  /**
   * TLS of this stack: the port of its TLS listening point (JAIN-SIP sends over TLS only from one;
   * it is in our Via) and the platform's TLS setup that makes and checks every TLS connection.
   */
  public record Tls(int port, SipTls setup) {}

  public JainSipStack(SipConfig config) {
    this(config, Map.of());
  }

  public JainSipStack(SipConfig config, Map<String, AdvertisedAddress> advertised) {
    this(config, advertised, null);
  }

  /**
   * @param advertised per lower-case transport name, the address registrars are told instead of the
   *     bound one (see platform {@code AdvertisedSipConfig})
   * @param tls TLS listening and sending; null: trunks with {@code transport: TLS} cannot be served
   */
  public JainSipStack(SipConfig config, Map<String, AdvertisedAddress> advertised, Tls tls) {
    this.config = config;
    this.advertised = Map.copyOf(advertised);
    this.tls = tls;
    this.tlsDestinations = tls == null ? null : new TlsDestinations(tls.setup());
  }

  /**
   * Creates the stack, guarded by {@code edge}, and starts listening; {@code listener} gets every
   * SIP event.
   */
  public synchronized void start(SipEdge edge, SipListener listener) {
    try {
      SipFactory factory = SipFactory.getInstance();
      factory.setPathName("gov.nist");
      stack = factory.createSipStack(JainSipSettings.of(config, tls == null ? null : tls.setup()));
      TrunkHopRouter.install((SipStackImpl) stack);
      if (tls != null) {
        TlsNetworkLayer.install((SipStackImpl) stack, tlsDestinations);
      }
      edge.install((SipStackImpl) stack);
      addressFactory = factory.createAddressFactory();
      headerFactory = factory.createHeaderFactory();
      messageFactory = factory.createMessageFactory();
      ListeningPoint udp = stack.createListeningPoint(config.host(), config.port(), "udp");
      ListeningPoint tcp = stack.createListeningPoint(config.host(), config.port(), "tcp");
      advertise(udp);
      advertise(tcp);
      provider = stack.createSipProvider(udp);
      provider.addListeningPoint(tcp);
      if (tls != null) {
        ListeningPoint tlsPoint = stack.createListeningPoint(config.host(), tls.port(), "tls");
        advertise(tlsPoint);
        provider.addListeningPoint(tlsPoint);
      }
      provider.addSipListener(listener);
      stack.start();
      LOG.infof(
          "SIP user agent listening on %s:%d (UDP, TCP)%s",
          config.host(), config.port(), tls == null ? "" : ", TLS on " + tls.port());
    } catch (Exception e) {
      close();
      throw new IllegalStateException("cannot start the SIP stack: " + e.getMessage(), e);
    }
  }

  /**
   * Sends a request in a new client transaction with the configured T1, to where its Route or
   * Request-URI names (an IP literal or localhost); over TLS the certificate must be for that name
   * unless {@code tlsVerify} is false.
   */
  public ClientTransaction send(Request request, boolean tlsVerify) throws SipException {
    InetSocketAddress tlsDestination = tlsDestination(request);
    if (tlsDestination != null) {
      expectTls(tlsDestination, nextHop(request).getHost(), tlsVerify);
    }
    return started(() -> provider.getNewClientTransaction(request), tlsDestination);
  }

  /**
   * Sends a request in a new client transaction to this address and port over the transport (an
   * address DNS gave for the trunk's domain), whatever its Request-URI names.
   */
  public ClientTransaction send(
      Request request, String address, int port, String transport, boolean tlsVerify)
      throws SipException {
    InetSocketAddress tlsDestination = null;
    if (SipConstants.TLS.equalsIgnoreCase(transport)) {
      // the certificate is checked against the configured name, not the SRV target's
      tlsDestination = new InetSocketAddress(hostAddress(address), port);
      expectTls(tlsDestination, nextHop(request).getHost(), tlsVerify);
    }
    HopImpl hop = new HopImpl(address, port, transport.toLowerCase(Locale.ROOT));
    return started(
        () -> TrunkHopRouter.sendingTo(hop, () -> provider.getNewClientTransaction(request)),
        tlsDestination);
  }

  /**
   * Creates the transaction and sends its request with the configured T1; a TLS send that fails on
   * a connection whose handshake never completed fails as a TLS failure (see {@link
   * TlsDestinations#explained}).
   */
  private ClientTransaction started(TlsSendLanes.Send create, InetSocketAddress tlsDestination)
      throws SipException {
    try {
      ClientTransaction tx = create.run();
      tx.setRetransmitTimer((int) config.t1().toMillis());
      lingerBriefly(tx);
      tx.sendRequest();
      return tx;
    } catch (SipException e) {
      throw tlsDestination == null ? e : tlsDestinations.explained(tlsDestination, e);
    }
  }

  /**
   * A completed UDP transaction waits Timer K (T4, 5 s by default) only to swallow copies of its
   * answer that a registrar sent again for copies of our request; it holds the parsed request and
   * answer meanwhile. In a burst of thousands of REGISTERs those lingering transactions were most
   * of the heap and kept the collector busy, so they wait {@code trunkline.sip.transaction-linger}
   * (at least 2·T1) instead: a copy of an answer arriving later is dropped as a stray, which is
   * what swallowing it amounts to.
   */
  private void lingerBriefly(ClientTransaction tx) {
    if (tx instanceof SIPTransaction t) {
      t.setTimerT4(
          (int) Math.max(config.transactionLinger().toMillis(), 2 * config.t1().toMillis()));
    }
  }

  /**
   * Where {@link #send(Request, boolean)} sends the request over TLS (address and port of its Route
   * or Request-URI, an IP literal or localhost); null when it does not go over TLS.
   */
  InetSocketAddress tlsDestination(Request request) throws SipException {
    SipURI next = nextHop(request);
    if (!isTls(next)) {
      return null;
    }
    try {
      InetAddress address = InetAddress.getByName(next.getHost());
      return new InetSocketAddress(address, next.getPort() > 0 ? next.getPort() : 5061);
    } catch (UnknownHostException e) {
      throw new SipException("unknown host " + next.getHost(), e);
    }
  }

  private void expectTls(InetSocketAddress destination, String serverName, boolean verify)
      throws SipException {
    if (tlsDestinations == null) {
      throw new SipException("TLS is not enabled on this node");
    }
    tlsDestinations.expect(destination, serverName, verify);
  }

  private static InetAddress hostAddress(String literal) throws SipException {
    try {
      return InetAddress.getByName(literal); // an address DNS gave: parsed, not looked up
    } catch (UnknownHostException e) {
      throw new SipException("not an address: " + literal, e);
    }
  }

  /** Where the request goes first: its first Route (the outbound proxy), else its Request-URI. */
  private static SipURI nextHop(Request request) {
    RouteHeader route = (RouteHeader) request.getHeader(RouteHeader.NAME);
    return (SipURI) (route != null ? route.getAddress().getURI() : request.getRequestURI());
  }

  private static boolean isTls(SipURI uri) {
    return uri.isSecure() || SipConstants.TLS.equalsIgnoreCase(uri.getTransportParam());
  }

  public SipProvider provider() {
    return provider;
  }

  public AddressFactory addressFactory() {
    return addressFactory;
  }

  public HeaderFactory headerFactory() {
    return headerFactory;
  }

  public MessageFactory messageFactory() {
    return messageFactory;
  }

  /** JAIN-SIP's own idea of our sent-by (what it checks Vias against) is the advertised one. */
  private void advertise(ListeningPoint lp) throws java.text.ParseException {
    AdvertisedAddress a = advertised.get(lp.getTransport().toLowerCase(Locale.ROOT));
    if (a != null) {
      lp.setSentBy(a.withDefaultPort(lp.getPort()).hostPort());
    }
  }

  /** Host of our Via headers (the advertised one, when configured) for UDP. */
  public String host() {
    return host(SipConstants.UDP);
  }

  /** Host of our Via headers for this transport: the advertised one, else the bound one. */
  public String host(String transport) {
    AdvertisedAddress a = advertised.get(transport.toLowerCase(Locale.ROOT));
    return a != null ? a.host() : config.host();
  }

  /** Port of our Via headers for this transport: the advertised one, else the bound one. */
  public int port(String transport) {
    int bound =
        SipConstants.TLS.equalsIgnoreCase(transport) && tls != null ? tls.port() : config.port();
    AdvertisedAddress a = advertised.get(transport.toLowerCase(Locale.ROOT));
    return a != null ? a.withDefaultPort(bound).port() : bound;
  }

  /** Whether this transport can be used. */
  public boolean supports(String transport) {
    return !SipConstants.TLS.equalsIgnoreCase(transport) || tls != null;
  }

  @Override
  public synchronized void close() {
    if (stack != null) {
      stack.stop();
      stack = null;
    }
  }
}
