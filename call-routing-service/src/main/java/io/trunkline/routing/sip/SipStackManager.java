package io.trunkline.routing.sip;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.routing.config.RoutingConfig;
import io.trunkline.routing.service.CallMetrics;
import io.trunkline.routing.service.call.InviteHandler;
import io.trunkline.routing.service.call.SipPort;
import io.trunkline.routing.service.call.TrunkInvite;
import io.trunkline.routing.service.call.TrunkLeg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Properties;
import java.util.UUID;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import org.jboss.logging.Logger;

/**
 * Owns the JAIN-SIP stack's lifecycle (UDP and TCP on trunkline.sip.host:port) and is the service's
 * {@link SipPort}. Tuned per what was measured on the RI: no automatic dialogs (only INVITE legs
 * get one, explicitly), a bounded message size, a big UDP receive buffer.
 */
@ApplicationScoped
public class SipStackManager implements SipPort {

  private static final Logger LOG = Logger.getLogger(SipStackManager.class);

  private final RoutingConfig config;
  private final InviteHandler handler;
  private final CallMetrics metrics;
  private SipStack stack;
  private volatile SipContext ctx;

  public SipStackManager(RoutingConfig config, InviteHandler handler, CallMetrics metrics) {
    this.config = config;
    this.handler = handler;
    this.metrics = metrics;
  }

  void onStart(@Observes StartupEvent ev) throws Exception {
    RoutingConfig.Sip sip = config.sip();
    Properties p = new Properties();
    // The RI logs under the stack name; a fixed prefix lets configuration silence it (it dumps
    // whole malformed datagrams at ERROR, which would let anyone fill the logs).
    p.setProperty("javax.sip.STACK_NAME", "trunkline.jainsip.call-routing-" + UUID.randomUUID());
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(sip.maxMessageSize()));
    p.setProperty(
        "gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(sip.receiveBufferSize()));
    p.setProperty(
        "gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(sip.receiveBufferSize()));
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(sip.threads()));
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    p.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
    p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
    p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
    p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "50000");
    p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "50000");
    SipFactory factory = SipFactory.getInstance();
    factory.setPathName("gov.nist");
    stack = factory.createSipStack(p);
    int port = sip.port() == 0 ? freePort(sip.host()) : sip.port();
    ListeningPoint udp = stack.createListeningPoint(sip.host(), port, ListeningPoint.UDP);
    ListeningPoint tcp = stack.createListeningPoint(sip.host(), port, ListeningPoint.TCP);
    SipProvider provider = stack.createSipProvider(udp);
    provider.addListeningPoint(tcp);
    SipContext c =
        new SipContext(
            provider,
            factory.createAddressFactory(),
            factory.createHeaderFactory(),
            factory.createMessageFactory(),
            sip.host(),
            port,
            handler);
    provider.addSipListener(new SipDispatcher(c, metrics));
    stack.start();
    ctx = c;
    LOG.infof("SIP B2BUA listening on %s:%d (UDP, TCP)", sip.host(), port);
  }

  /** A port free for both UDP and TCP (configuration port 0, used by tests). */
  private static int freePort(String host) throws java.io.IOException {
    java.net.InetAddress addr = java.net.InetAddress.getByName(host);
    for (int i = 0; i < 50; i++) {
      try (java.net.DatagramSocket u = new java.net.DatagramSocket(0, addr);
          java.net.ServerSocket t = new java.net.ServerSocket(u.getLocalPort(), 1, addr)) {
        return u.getLocalPort();
      } catch (java.io.IOException e) {
        // taken for TCP: try another
      }
    }
    throw new java.io.IOException("no free SIP port on " + host);
  }

  void onStop(@Observes ShutdownEvent ev) {
    if (stack != null) {
      stack.stop();
      stack = null;
    }
  }

  @Override
  public TrunkLeg invite(TrunkInvite invite, TrunkLeg.Listener listener) {
    try {
      JainTrunkLeg leg = new JainTrunkLeg(ctx, invite, listener);
      leg.start();
      return leg;
    } catch (Exception e) {
      throw new IllegalStateException("cannot send INVITE to trunk " + invite.trunkName(), e);
    }
  }

  /** PBX legs the SIP layer still knows (0 when no call is in progress). */
  public int pbxLegs() {
    SipContext c = ctx;
    return c == null ? 0 : c.pbxLegs.size();
  }
}
