package io.trunkline.sip;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A stack on 127.0.0.1 with fast timers and a handler that records what it is told. */
final class Fixture implements AutoCloseable {
  /** T1 50 ms: 64*T1 = 3.2 s. */
  static final SipTimers FAST =
      new SipTimers(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(250));

  final Vertx vertx;
  final Recorder handler = new Recorder();
  final SipStack stack;

  Fixture() throws Exception {
    this(Vertx.vertx());
  }

  Fixture(Vertx vertx) throws Exception {
    this(vertx, SipLimits.defaults());
  }

  /** A stack with these limits; the handler trusts every source until a test says otherwise. */
  Fixture(SipLimits limits) throws Exception {
    this(Vertx.vertx(), limits);
  }

  Fixture(Vertx vertx, SipLimits limits) throws Exception {
    this(vertx, SipStackOptions.of("127.0.0.1", 0).withTimers(FAST).withLimits(limits));
  }

  /** A stack with these options. */
  Fixture(Vertx vertx, SipStackOptions options) throws Exception {
    this.vertx = vertx;
    this.stack =
        SipStack.start(vertx, options, handler)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  int port() {
    return stack.port();
  }

  @Override
  public void close() throws Exception {
    stack.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Records every handler call; onRequest also runs a configurable reaction. */
  static final class Recorder implements SipHandler {
    final BlockingQueue<ServerTransaction> requests = new LinkedBlockingQueue<>();
    final BlockingQueue<ServerTransaction> cancels = new LinkedBlockingQueue<>();
    final BlockingQueue<SipMessage> acks = new LinkedBlockingQueue<>();
    final BlockingQueue<ServerTransaction> ackTimeouts = new LinkedBlockingQueue<>();
    final BlockingQueue<SipMessage> strays = new LinkedBlockingQueue<>();
    final BlockingQueue<Rejection> rejections = new LinkedBlockingQueue<>();
    final BlockingQueue<String> malformed = new LinkedBlockingQueue<>();
    volatile Consumer<ServerTransaction> onRequest = tx -> {};
    volatile Consumer<ServerTransaction> onCancel = tx -> {};
    volatile BiFunction<SipMessage, Endpoint, Admission> admit = (m, s) -> Admission.ACCEPT;
    volatile Predicate<String> trusted = ip -> true;

    @Override
    public Admission admit(SipMessage request, Endpoint source) {
      return admit.apply(request, source);
    }

    @Override
    public boolean isTrustedSource(String ip) {
      return trusted.test(ip);
    }

    @Override
    public void onRejected(Endpoint source, Rejection reason) {
      rejections.add(reason);
    }

    @Override
    public void onMalformed(Endpoint source, String why) {
      malformed.add(why);
    }

    @Override
    public void onRequest(ServerTransaction tx) {
      requests.add(tx);
      onRequest.accept(tx);
    }

    @Override
    public void onCancel(ServerTransaction invite) {
      cancels.add(invite);
      onCancel.accept(invite);
    }

    @Override
    public void onAck(SipMessage ack, Endpoint source) {
      acks.add(ack);
    }

    @Override
    public void onAckTimeout(ServerTransaction invite) {
      ackTimeouts.add(invite);
    }

    @Override
    public void onStrayResponse(SipMessage response, Endpoint source) {
      strays.add(response);
    }
  }

  /** Records a client transaction's events. */
  static class Listener implements ResponseListener {
    final BlockingQueue<SipMessage> responses = new LinkedBlockingQueue<>();
    final BlockingQueue<ClientTransaction> timeouts = new LinkedBlockingQueue<>();
    final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    volatile Consumer<SipMessage> react = r -> {};

    @Override
    public void onResponse(ClientTransaction tx, SipMessage response) {
      responses.add(response);
      react.accept(response);
    }

    @Override
    public void onTimeout(ClientTransaction tx) {
      timeouts.add(tx);
    }

    @Override
    public void onTransportError(ClientTransaction tx, Throwable cause) {
      errors.add(cause);
    }
  }

  /** A request as a peer at 127.0.0.1:peerPort would send it. */
  static String request(String method, String branch, int peerPort, String callId, long cseq) {
    return method
        + " sip:bob@127.0.0.1 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:"
        + peerPort
        + ";branch="
        + branch
        + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@127.0.0.1>;tag=a1\r\n"
        + "To: <sip:bob@127.0.0.1>\r\n"
        + "Call-ID: "
        + callId
        + "\r\n"
        + "CSeq: "
        + cseq
        + " "
        + method
        + "\r\n"
        + "Contact: <sip:alice@127.0.0.1:"
        + peerPort
        + ">\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  /** The ACK a peer sends for a response: same branch for non-2xx, a new one for 2xx. */
  static String ack(SipMessage response, String branch, int peerPort, String callId, long cseq) {
    return "ACK sip:bob@127.0.0.1 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:"
        + peerPort
        + ";branch="
        + branch
        + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@127.0.0.1>;tag=a1\r\n"
        + "To: "
        + response.header("To")
        + "\r\n"
        + "Call-ID: "
        + callId
        + "\r\n"
        + "CSeq: "
        + cseq
        + " ACK\r\n"
        + "Content-Length: 0\r\n\r\n";
  }
}
