package io.trunkline.registration.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.DefaultRouter;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.lang.reflect.Method;
import java.util.ListIterator;
import java.util.concurrent.Callable;
import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.address.Router;
import javax.sip.message.Request;

/**
 * JAIN-SIP's router for this service: a request sent through {@link #sendingTo} goes to the address
 * DNS gave for its trunk (an SRV target's address and port), while its Request-URI keeps the
 * trunk's domain; every other request is routed as JAIN-SIP's default router does (Route header,
 * else the Request-URI). JAIN-SIP asks the router on the sending thread while it creates the client
 * transaction, so a thread-local carries the choice.
 */
final class TrunkHopRouter implements Router {

  private static final ThreadLocal<Hop> NEXT = new ThreadLocal<>();
  private final DefaultRouter fallback;

  private TrunkHopRouter(SipStack stack) {
    this.fallback = new DefaultRouter(stack, null);
  }

  /**
   * Makes this the stack's router. JAIN-SIP would load a router named in its properties through its
   * own class loader, which cannot see this service's classes under Quarkus, and offers no public
   * setter; its protected one is called instead.
   */
  static void install(SipStackImpl stack) {
    try {
      Method setRouter = SIPTransactionStack.class.getDeclaredMethod("setRouter", Router.class);
      setRouter.setAccessible(true);
      setRouter.invoke(stack, new TrunkHopRouter(stack));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot install the trunk router: " + e, e);
    }
  }

  /** Runs {@code create} (which makes the client transaction) with {@code hop} as next hop. */
  static <T> T sendingTo(Hop hop, Callable<T> create) throws SipException {
    NEXT.set(hop);
    try {
      return create.call();
    } catch (SipException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new SipException(e.getMessage(), e);
    } finally {
      NEXT.remove();
    }
  }

  @Override
  public Hop getNextHop(Request request) throws SipException {
    Hop hop = NEXT.get();
    return hop != null ? hop : fallback.getNextHop(request);
  }

  @Override
  @SuppressWarnings({"deprecation", "rawtypes"})
  public ListIterator getNextHops(Request request) {
    return fallback.getNextHops(request);
  }

  @Override
  public Hop getOutboundProxy() {
    return fallback.getOutboundProxy();
  }
}
