package io.trunkline.registration.support;

import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A registrar of the tests' own on 127.0.0.1 (UDP and TCP, JAIN-SIP): challenges with digest,
 * verifies the answer independently of the service's code paths, and records every request.
 * Behaviour is chosen per AOR user.
 */
public final class TestRegistrar implements SipListener, AutoCloseable {

  /** How the registrar answers REGISTERs of one user. */
  public enum Mode {
    CHALLENGE_THEN_OK,
    CHALLENGE_THEN_FORBIDDEN,
    SILENT,
    OK_DIRECT
  }

  /** Per-user behaviour. */
  public static final class Account {
    public volatile Mode mode = Mode.CHALLENGE_THEN_OK;
    public volatile String password;
    public volatile String algorithm = "MD5";
    public volatile int grantExpires = -1; // -1: grant what was asked
    public volatile int minExpires = -1; // >0: 423 below this
    public volatile boolean answerOptions = true;
  }

  /** A request as the registrar saw it. */
  public record Seen(
      Instant at,
      String method,
      String transport,
      int viaPort,
      String callId,
      long cseq,
      String toUri,
      String contact,
      int expires,
      String authUser,
      String authRealm,
      String authAlgorithm,
      boolean authValid,
      String requestUri,
      String via) {}

  public static final String REALM = "trunkline.test";
  private final SipStack stack;
  private final SipProvider provider;
  private final MessageFactory messages;
  private final HeaderFactory headers;
  private final int port;
  private final Map<String, Account> accounts = new ConcurrentHashMap<>();
  private final Map<String, Boolean> nonces = new ConcurrentHashMap<>();
  private final Map<String, Boolean> transactions = new ConcurrentHashMap<>();
  public final List<Seen> seen = new CopyOnWriteArrayList<>();
  public volatile boolean answerAllOptions = true;

  /** OPTIONS transactions answered (first answer time), retransmissions included once. */
  public final Map<String, Instant> answeredOptions = new ConcurrentHashMap<>();

  public TestRegistrar() throws Exception {
    this.port = freePort();
    SipFactory f = SipFactory.getInstance();
    f.setPathName("gov.nist");
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", "test-registrar-" + UUID.randomUUID());
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    stack = f.createSipStack(p);
    messages = f.createMessageFactory();
    headers = f.createHeaderFactory();
    ListeningPoint udp = stack.createListeningPoint("127.0.0.1", port, "udp");
    ListeningPoint tcp = stack.createListeningPoint("127.0.0.1", port, "tcp");
    provider = stack.createSipProvider(udp);
    provider.addListeningPoint(tcp);
    provider.addSipListener(this);
    stack.start();
  }

  public int port() {
    return port;
  }

  /** The account of a user (created with defaults). */
  public Account account(String user) {
    return accounts.computeIfAbsent(user, u -> new Account());
  }

  /** Requests for one AOR user, in arrival order. */
  public List<Seen> of(String user, String method) {
    return seen.stream()
        .filter(s -> s.method().equals(method) && s.toUri().contains(":" + user + "@"))
        .toList();
  }

  /** All requests of a method, in arrival order. */
  public List<Seen> all(String method) {
    return seen.stream().filter(s -> s.method().equals(method)).toList();
  }

  @Override
  public void processRequest(RequestEvent event) {
    Request r = event.getRequest();
    try {
      String user = userOf(r);
      Account a = account(user);
      ViaHeader via = (ViaHeader) r.getHeader(ViaHeader.NAME);
      AuthorizationHeader auth = (AuthorizationHeader) r.getHeader(AuthorizationHeader.NAME);
      boolean valid = auth != null && a.password != null && verify(r, auth, a.password);
      ContactHeader contact = (ContactHeader) r.getHeader(ContactHeader.NAME);
      ExpiresHeader expires = (ExpiresHeader) r.getHeader(ExpiresHeader.NAME);
      String key =
          r.getMethod()
              + ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId()
              + ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
      // UDP retransmissions of a request are answered again but recorded once.
      if (transactions.putIfAbsent(key, Boolean.TRUE) == null) {
        seen.add(
            new Seen(
                Instant.now(),
                r.getMethod(),
                via.getTransport().toUpperCase(),
                via.getPort(),
                ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId(),
                ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber(),
                ((ToHeader) r.getHeader(ToHeader.NAME)).getAddress().getURI().toString(),
                contact == null ? null : contact.getAddress().getURI().toString(),
                expires == null ? -1 : expires.getExpires(),
                auth == null ? null : auth.getUsername(),
                auth == null ? null : auth.getRealm(),
                auth == null ? null : auth.getAlgorithm(),
                valid,
                r.getRequestURI().toString(),
                via.toString().trim()));
      }
      if (Request.OPTIONS.equals(r.getMethod())) {
        if (answerAllOptions && a.answerOptions) {
          answeredOptions.putIfAbsent(key, Instant.now());
          provider.sendResponse(messages.createResponse(200, r));
        }
        return;
      }
      if (!Request.REGISTER.equals(r.getMethod()) || a.mode == Mode.SILENT) {
        return;
      }
      int asked = expires == null ? 3600 : expires.getExpires();
      if (a.minExpires > 0 && asked > 0 && asked < a.minExpires) {
        Response resp = messages.createResponse(423, r);
        resp.addHeader(headers.createHeader("Min-Expires", Integer.toString(a.minExpires)));
        provider.sendResponse(resp);
        return;
      }
      if (auth != null && a.mode == Mode.CHALLENGE_THEN_FORBIDDEN) {
        provider.sendResponse(messages.createResponse(403, r));
        return;
      }
      if (a.mode != Mode.OK_DIRECT && !valid) {
        Response resp = messages.createResponse(401, r);
        WWWAuthenticateHeader ch = headers.createWWWAuthenticateHeader("Digest");
        String nonce = UUID.randomUUID().toString().replace("-", "");
        nonces.put(nonce, true);
        ch.setRealm(REALM);
        ch.setNonce(nonce);
        ch.setAlgorithm(a.algorithm);
        ch.setQop("auth");
        resp.addHeader(ch);
        provider.sendResponse(resp);
        return;
      }
      Response ok = messages.createResponse(200, r);
      if (contact != null) {
        ContactHeader c = (ContactHeader) contact.clone();
        c.setExpires(asked == 0 ? 0 : a.grantExpires > 0 ? a.grantExpires : asked);
        ok.addHeader(c);
      }
      provider.sendResponse(ok);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean verify(Request r, AuthorizationHeader auth, String password) {
    if (auth.getNonce() == null || !nonces.containsKey(auth.getNonce())) {
      return false;
    }
    String alg = auth.getAlgorithm() == null ? "MD5" : auth.getAlgorithm();
    String ha1 = hash(alg, auth.getUsername() + ":" + auth.getRealm() + ":" + password);
    String ha2 = hash(alg, r.getMethod() + ":" + auth.getURI());
    String nc = auth.getParameter("nc");
    String expected =
        hash(
            alg,
            ha1
                + ":"
                + auth.getNonce()
                + ":"
                + nc
                + ":"
                + auth.getCNonce()
                + ":"
                + auth.getQop()
                + ":"
                + ha2);
    return expected.equals(auth.getResponse()) && REALM.equals(auth.getRealm());
  }

  /** Independent of the service's digest code on purpose. */
  private static String hash(String algorithm, String value) {
    try {
      String jca = "SHA-256".equalsIgnoreCase(algorithm) ? "SHA-256" : "MD5";
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance(jca)
                  .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String userOf(Request r) {
    String to = ((ToHeader) r.getHeader(ToHeader.NAME)).getAddress().getURI().toString();
    int colon = to.indexOf(':');
    int at = to.indexOf('@');
    return at > colon ? to.substring(colon + 1, at) : "";
  }

  private static int freePort() throws Exception {
    for (int i = 0; i < 50; i++) {
      try (ServerSocket s = new ServerSocket(0)) {
        int candidate = s.getLocalPort();
        try (DatagramSocket d = new DatagramSocket(candidate)) {
          return candidate;
        } catch (Exception e) {
          // UDP taken: try another
        }
      }
    }
    throw new IllegalStateException("no free port");
  }

  /** A free port for both UDP and TCP. */
  public static int freeSipPort() throws Exception {
    return freePort();
  }

  @Override
  public void processResponse(ResponseEvent event) {}

  @Override
  public void processTimeout(TimeoutEvent event) {}

  @Override
  public void processIOException(IOExceptionEvent event) {}

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {}

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {}

  @Override
  public void close() {
    stack.stop();
  }
}
