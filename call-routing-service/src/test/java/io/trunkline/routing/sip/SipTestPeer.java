package io.trunkline.routing.sip;

import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A JAIN-SIP user agent of the tests' own, on real UDP: plays the PBX (sends INVITEs, ACK, BYE,
 * CANCEL) or a trunk (answers INVITEs by a behaviour the test sets). Records what it receives.
 */
public final class SipTestPeer implements SipListener, AutoCloseable {

  public static final String SDP =
      "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

  public final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  public final BlockingQueue<Response> responses = new LinkedBlockingQueue<>();

  /** Dialogs of received INVITEs by Call-ID. */
  public final java.util.Map<String, Dialog> dialogs =
      new java.util.concurrent.ConcurrentHashMap<>();

  final SipStack stack;
  final SipProvider provider;
  final AddressFactory af;
  final HeaderFactory hf;
  final MessageFactory mf;
  final String host;
  final int port;
  private volatile BiConsumer<SipTestPeer, ServerTransaction> onInvite = (p, st) -> {};

  private SipTestPeer(String host) throws Exception {
    this.host = host;
    this.port = freeUdpPort(host);
    SipFactory f = SipFactory.getInstance();
    f.setPathName("gov.nist");
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", "test-peer-" + UUID.randomUUID());
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
    stack = f.createSipStack(p);
    ListeningPoint lp = stack.createListeningPoint(host, port, "udp");
    provider = stack.createSipProvider(lp);
    provider.addListeningPoint(stack.createListeningPoint(host, port, "tcp"));
    provider.addSipListener(this);
    af = f.createAddressFactory();
    hf = f.createHeaderFactory();
    mf = f.createMessageFactory();
    stack.start();
  }

  public static SipTestPeer start(String host) throws Exception {
    return new SipTestPeer(host);
  }

  public int port() {
    return port;
  }

  /** What this peer does with each new INVITE (as a trunk). */
  public void onInvite(BiConsumer<SipTestPeer, ServerTransaction> behaviour) {
    this.onInvite = behaviour;
  }

  /** Sends an INVITE from {@code caller} to {@code dialled} at the B2BUA; returns its tx. */
  public ClientTransaction invite(String caller, String dialled, int b2buaPort) throws Exception {
    return invite(caller, dialled, b2buaPort, "udp");
  }

  /** Same over a given transport (udp or tcp). */
  public ClientTransaction invite(String caller, String dialled, int b2buaPort, String transport)
      throws Exception {
    return invite(caller, dialled, b2buaPort, transport, r -> {});
  }

  /** An INVITE over UDP that the test changes before it goes (Max-Forwards, extra headers). */
  public ClientTransaction invite(
      String caller, String dialled, int b2buaPort, java.util.function.Consumer<Request> edit)
      throws Exception {
    return invite(caller, dialled, b2buaPort, "udp", edit);
  }

  private ClientTransaction invite(
      String caller,
      String dialled,
      int b2buaPort,
      String transport,
      java.util.function.Consumer<Request> edit)
      throws Exception {
    SipURI target = af.createSipURI(dialled, "127.0.0.1");
    target.setPort(b2buaPort);
    target.setTransportParam(transport);
    Request r =
        mf.createRequest(
            target,
            Request.INVITE,
            provider.getNewCallId(),
            hf.createCSeqHeader(1L, Request.INVITE),
            hf.createFromHeader(af.createAddress(af.createSipURI(caller, host)), tag()),
            hf.createToHeader(af.createAddress(af.createSipURI(dialled, "127.0.0.1")), null),
            new ArrayList<>(List.of(hf.createViaHeader(host, port, transport, null))),
            hf.createMaxForwardsHeader(70));
    SipURI c = af.createSipURI("peer", host);
    c.setPort(port);
    c.setTransportParam(transport);
    r.setHeader(hf.createContactHeader(af.createAddress(c)));
    r.setContent(SDP, hf.createContentTypeHeader("application", "sdp"));
    edit.accept(r);
    ClientTransaction ct = provider.getNewClientTransaction(r);
    ct.sendRequest();
    return ct;
  }

  /** Sends an out-of-dialog OPTIONS to the B2BUA (a liveness probe). */
  public void options(int b2buaPort) throws Exception {
    SipURI target = af.createSipURI(null, "127.0.0.1");
    target.setPort(b2buaPort);
    Request r =
        mf.createRequest(
            target,
            Request.OPTIONS,
            provider.getNewCallId(),
            hf.createCSeqHeader(1L, Request.OPTIONS),
            hf.createFromHeader(af.createAddress(af.createSipURI("probe", host)), tag()),
            hf.createToHeader(af.createAddress(target), null),
            new ArrayList<>(List.of(hf.createViaHeader(host, port, "udp", null))),
            hf.createMaxForwardsHeader(70));
    provider.getNewClientTransaction(r).sendRequest();
  }

  /** Waits for a response to an INVITE with the given code; fails the test otherwise. */
  public Response awaitResponse(int code, long seconds) throws InterruptedException {
    return awaitResponse(code, Request.INVITE, seconds);
  }

  /** Waits for a response to a method with the given code; fails the test otherwise. */
  public Response awaitResponse(int code, String method, long seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      Response r = responses.poll(50, TimeUnit.MILLISECONDS);
      if (r != null
          && r.getStatusCode() == code
          && ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod().equals(method)) {
        return r;
      }
    }
    throw new AssertionError("no " + code + " to " + method + " within " + seconds + " s");
  }

  /** Waits for a request with the given method. */
  public Request awaitRequest(String method, long seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      Request r = requests.poll(50, TimeUnit.MILLISECONDS);
      if (r != null && r.getMethod().equals(method)) {
        return r;
      }
    }
    throw new AssertionError("no " + method + " within " + seconds + " s");
  }

  /** Whether a request with the method arrives within the time. */
  public boolean receives(String method, long millis) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < end) {
      Request r = requests.poll(20, TimeUnit.MILLISECONDS);
      if (r != null && r.getMethod().equals(method)) {
        return true;
      }
    }
    return false;
  }

  /** ACKs a 2xx on its dialog. */
  public void ack(ClientTransaction ct, Response ok) throws Exception {
    Dialog d = ct.getDialog();
    d.sendAck(d.createAck(((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber()));
  }

  /** Sends BYE on a dialog. */
  public void bye(Dialog d) throws Exception {
    Request bye = d.createRequest(Request.BYE);
    d.sendRequest(provider.getNewClientTransaction(bye));
  }

  /** Sends CANCEL for an INVITE. */
  public void cancel(ClientTransaction ct) throws Exception {
    provider.getNewClientTransaction(ct.createCancel()).sendRequest();
  }

  /** Answers an INVITE (trunk side); 2xx carry the SDP. */
  public void respond(ServerTransaction st, int code) {
    respond(st, code, null, null);
  }

  /** Answers with an extra header. */
  public void respond(ServerTransaction st, int code, String header, String value) {
    try {
      Response r = mf.createResponse(code, st.getRequest());
      if (code > 100) {
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
          to.setTag(
              st.getDialog() == null
                  ? tag()
                  : st.getDialog().getLocalTag() != null ? st.getDialog().getLocalTag() : tag());
        }
      }
      if (code >= 200 && code < 300) {
        r.setHeader(contact());
        r.setContent(SDP, hf.createContentTypeHeader("application", "sdp"));
      } else if (code > 100 && code < 200) {
        r.setHeader(contact());
      }
      if (header != null) {
        r.setHeader(hf.createHeader(header, value));
      }
      st.sendResponse(r);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private ContactHeader contact() throws Exception {
    SipURI u = af.createSipURI("peer", host);
    u.setPort(port);
    return hf.createContactHeader(af.createAddress(u));
  }

  @Override
  public void processRequest(RequestEvent ev) {
    Request r = ev.getRequest();
    requests.add(r);
    try {
      ServerTransaction st = ev.getServerTransaction();
      switch (r.getMethod()) {
        case Request.INVITE -> {
          if (st == null) {
            st = provider.getNewServerTransaction(r);
          }
          if (ev.getDialog() != null && ((ToHeader) r.getHeader(ToHeader.NAME)).getTag() != null) {
            respond(st, 200); // re-INVITE
          } else {
            if (st.getDialog() != null) {
              dialogs.put(callId(r), st.getDialog());
            }
            onInvite.accept(this, st);
          }
        }
        case Request.ACK -> {}
        case Request.CANCEL -> {
          if (st == null) {
            st = provider.getNewServerTransaction(r);
          }
          st.sendResponse(mf.createResponse(200, r));
          ServerTransaction inviteTx =
              ((gov.nist.javax.sip.stack.SIPServerTransaction) st).getCanceledInviteTransaction();
          if (inviteTx != null) {
            respond(inviteTx, 487);
          }
        }
        default -> {
          if (st == null) {
            st = provider.getNewServerTransaction(r);
          }
          st.sendResponse(mf.createResponse(200, r));
        }
      }
    } catch (Exception e) {
      // a test peer: ignore what it cannot answer
    }
  }

  @Override
  public void processResponse(ResponseEvent ev) {
    responses.add(ev.getResponse());
  }

  @Override
  public void processTimeout(TimeoutEvent ev) {}

  @Override
  public void processIOException(IOExceptionEvent ev) {}

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent ev) {}

  @Override
  public void processDialogTerminated(DialogTerminatedEvent ev) {}

  @Override
  public void close() {
    stack.stop();
  }

  /** Sends raw bytes by UDP to a port on 127.0.0.1. */
  public static void sendRaw(DatagramSocket s, int port, String text) throws Exception {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    s.send(
        new java.net.DatagramPacket(
            b, b.length, java.net.InetAddress.getByName("127.0.0.1"), port));
  }

  static String tag() {
    return Long.toHexString(Double.doubleToLongBits(Math.random()));
  }

  /** The Call-ID of a message. */
  public static String callId(javax.sip.message.Message m) {
    return ((CallIdHeader) m.getHeader(CallIdHeader.NAME)).getCallId();
  }

  /** The top Via's transport. */
  public static String transport(Request r) {
    return ((ViaHeader) r.getHeader(ViaHeader.NAME)).getTransport();
  }

  /** A port free for both UDP and TCP (the peer listens on both): a UDP-only check collides. */
  static int freeUdpPort(String host) throws Exception {
    java.net.InetAddress addr = java.net.InetAddress.getByName(host);
    for (int i = 0; i < 50; i++) {
      try (DatagramSocket s = new DatagramSocket(0, addr)) {
        int p = s.getLocalPort();
        try (java.net.ServerSocket t = new java.net.ServerSocket(p, 1, addr)) {
          return p;
        }
      } catch (java.io.IOException e) {
        // taken for TCP: try another
      }
    }
    throw new IllegalStateException("no port free for UDP and TCP on " + host);
  }
}
