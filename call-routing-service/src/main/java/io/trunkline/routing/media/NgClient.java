package io.trunkline.routing.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * rtpengine's ng protocol over UDP: {@code <cookie> <bencoded dictionary>} each way, the reply
 * matched to its request by the cookie. An unanswered command is sent again with the same cookie
 * every retransmit interval (rtpengine answers a repeated cookie from its cache, so a command is
 * never executed twice) until the timeout. Cookies start with a random prefix: rtpengine's cache is
 * keyed by cookie alone, and several call-routing replicas share an rtpengine.
 *
 * <p>One socket for every instance, one receiver thread; replies complete on it, timeouts on the
 * timer thread, never inside {@link #request}.
 */
final class NgClient implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(NgClient.class);
  private static final int MAX_DATAGRAM = 65_535;

  private final DatagramChannel channel;
  private final ScheduledExecutorService timers;
  private final Duration retransmit;
  private final Duration timeout;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final String cookiePrefix;
  private final AtomicLong sequence = new AtomicLong();
  private final Thread receiver;
  private final java.util.function.Consumer<java.net.SocketAddress> heard;
  private volatile boolean closed;

  private final class Pending {
    final String cookie;
    final ByteBuffer datagram;
    final InetSocketAddress to;
    final long deadline;
    final CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
    ScheduledFuture<?> retransmission;

    Pending(String cookie, ByteBuffer datagram, InetSocketAddress to) {
      this.cookie = cookie;
      this.datagram = datagram;
      this.to = to;
      this.deadline = System.nanoTime() + timeout.toNanos();
    }
  }

  /**
   * @param heard told of every datagram's source, also of a reply that came too late to be matched:
   *     an instance that answers late is slow, not gone
   */
  NgClient(
      ScheduledExecutorService timers,
      Duration retransmit,
      Duration timeout,
      java.util.function.Consumer<java.net.SocketAddress> heard)
      throws IOException {
    this.timers = timers;
    this.heard = heard;
    this.retransmit = retransmit;
    this.timeout = timeout;
    this.channel = DatagramChannel.open();
    channel.bind(null);
    byte[] r = new byte[6];
    new SecureRandom().nextBytes(r);
    this.cookiePrefix = java.util.HexFormat.of().formatHex(r) + "_";
    this.receiver = new Thread(this::receive, "rtpengine-ng-receiver");
    receiver.setDaemon(true);
    receiver.start();
  }

  /**
   * Sends a command; completes with the reply dictionary ({@code result} ok or pong), or fails with
   * a {@link MediaRelayException}.
   */
  CompletableFuture<Map<String, Object>> request(InetSocketAddress to, Map<String, Object> cmd) {
    String cookie = cookiePrefix + Long.toString(sequence.incrementAndGet(), 36);
    byte[] body = Bencode.encode(cmd);
    byte[] head = (cookie + ' ').getBytes(StandardCharsets.US_ASCII);
    byte[] datagram = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, datagram, head.length, body.length);
    Pending p = new Pending(cookie, ByteBuffer.wrap(datagram), to);
    if (closed) {
      failLater(p, new MediaRelayException("closed", "ng client closed"));
      return p.result;
    }
    pending.put(cookie, p);
    synchronized (p) {
      p.retransmission =
          timers.scheduleAtFixedRate(
              () -> retransmit(p),
              retransmit.toNanos(),
              retransmit.toNanos(),
              TimeUnit.NANOSECONDS);
    }
    if (!send(p)) {
      MediaRelayException e = new MediaRelayException("io", "cannot send to " + to);
      failLater(p, e);
      timers.execute(() -> finish(p));
    }
    return p.result;
  }

  private boolean send(Pending p) {
    try {
      channel.send(p.datagram.duplicate(), p.to);
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.debugf("ng send to %s failed: %s", p.to, e.toString());
      return false;
    }
  }

  private void retransmit(Pending p) {
    if (p.result.isDone()) {
      return;
    }
    if (System.nanoTime() - p.deadline >= 0) {
      fail(p, new MediaRelayException("timeout", "no answer from rtpengine at " + p.to));
    } else if (!send(p)) {
      fail(p, new MediaRelayException("io", "cannot send to " + p.to));
    }
  }

  private void receive() {
    ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
    while (!closed) {
      buf.clear();
      try {
        heard.accept(channel.receive(buf));
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        LOG.debugf("ng receive failed: %s", e.toString());
        continue;
      }
      buf.flip();
      try {
        reply(buf.array(), buf.limit());
      } catch (RuntimeException e) {
        // a callback of the call that failed: never let it stop the receiver
        LOG.debugf("ng reply handling failed: %s", e.toString());
      }
    }
  }

  private void reply(byte[] data, int length) {
    int space = -1;
    for (int i = 0; i < length; i++) {
      if (data[i] == ' ') {
        space = i;
        break;
      }
    }
    if (space <= 0) {
      LOG.debug("ng datagram without a cookie dropped");
      return;
    }
    Pending p = pending.get(new String(data, 0, space, StandardCharsets.US_ASCII));
    if (p == null) {
      return; // a reply to a retransmission, or after the timeout
    }
    Map<String, Object> dict;
    try {
      if (!(Bencode.decode(data, space + 1, length - space - 1) instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException("reply is not a dictionary");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) m;
      dict = typed;
    } catch (IllegalArgumentException e) {
      fail(p, new MediaRelayException("malformed", "unreadable ng reply: " + e.getMessage()));
      return;
    }
    String result = Bencode.text(dict.get("result"));
    if ("ok".equals(result) || "pong".equals(result)) {
      if (dict.get("warning") != null) {
        LOG.debugf("rtpengine warning: %s", Bencode.text(dict.get("warning")));
      }
      finish(p).complete(dict);
    } else if ("error".equals(result)) {
      fail(
          p,
          new MediaRelayException("error", "rtpengine: " + Bencode.text(dict.get("error-reason"))));
    } else {
      fail(p, new MediaRelayException("malformed", "ng reply with result " + result));
    }
  }

  /** Forgets a pending command and stops its retransmissions; its future is for the caller. */
  private CompletableFuture<Map<String, Object>> finish(Pending p) {
    pending.remove(p.cookie, p);
    synchronized (p) {
      if (p.retransmission != null) {
        p.retransmission.cancel(false);
      }
    }
    return p.result;
  }

  private void fail(Pending p, MediaRelayException e) {
    finish(p).completeExceptionally(e);
  }

  private void failLater(Pending p, MediaRelayException e) {
    try {
      timers.execute(() -> p.result.completeExceptionally(e));
    } catch (RuntimeException rejected) {
      p.result.completeExceptionally(e); // timers gone: the service is stopping
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debugf("closing the ng socket: %s", e.toString());
    }
    for (Pending p : pending.values()) {
      fail(p, new MediaRelayException("closed", "ng client closed"));
    }
  }
}
