package io.trunkline.registration.sip;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.SipException;

/**
 * Sends to TLS destinations away from the engine thread. JAIN-SIP opens a TLS connection (TCP
 * connect and handshake, each bounded by {@code trunkline.sip.tls.handshake-timeout}) inside the
 * send itself: on the engine thread, one provider whose TLS port accepts and never completes a
 * handshake would hold up every other trunk's registration for that long, on every attempt.
 *
 * <p>Sends run on a few daemon threads, one lane per destination: the sends to one address run one
 * at a time in the order they were given. That keeps a trunk's requests in order (a trunk's next
 * request may be given while the previous one's send is still under way: a refresh, a config
 * change, an unregistration, the next OPTIONS), keeps the name and verify flag recorded for a
 * destination ({@link TlsDestinations}) those of the connection its send makes, and lets a silent
 * provider hold one thread, not all of them. The outcome is handed back on the engine thread.
 */
final class TlsSendLanes implements AutoCloseable {

  /** Destinations whose connections may be opened at the same time. */
  static final int THREADS = 4;

  private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

  /** A send that may have to open a TLS connection first. */
  interface Send {
    ClientTransaction run() throws SipException;
  }

  /** What became of a send: its transaction, or the reason it could not leave. */
  interface Outcome {
    void sent(ClientTransaction tx, Throwable failure);
  }

  private final Executor engine;
  private final ThreadPoolExecutor pool;
  // the last send given per destination; only touched on the engine thread
  private final Map<InetSocketAddress, CompletableFuture<?>> lanes = new HashMap<>();

  /**
   * @param name prefix of the threads' names
   * @param engine runs the outcomes (the engine thread)
   */
  TlsSendLanes(String name, Executor engine) {
    this.engine = engine;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true); // a node without TLS trunks keeps no thread
  }

  /**
   * Runs {@code send} once the sends given before it for {@code destination} are done, and hands
   * its outcome to {@code outcome} on the engine thread. Called on the engine thread.
   */
  void send(InetSocketAddress destination, Send send, Outcome outcome) {
    CompletableFuture<?> before = lanes.getOrDefault(destination, IDLE);
    CompletableFuture<ClientTransaction> sent =
        before.handle((v, e) -> null).thenApplyAsync(x -> run(send), pool);
    lanes.put(destination, sent);
    sent.whenComplete(
        (tx, e) ->
            engine.execute(
                () -> {
                  lanes.remove(destination, sent);
                  outcome.sent(tx, e == null ? null : unwrapped(e));
                }));
  }

  private static ClientTransaction run(Send send) {
    try {
      return send.run();
    } catch (SipException e) {
      throw new CompletionException(e);
    }
  }

  private static Throwable unwrapped(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  /** Stops the threads; a send still connecting ends with the stack's sockets. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
