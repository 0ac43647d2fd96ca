package io.trunkline.sip;

import io.netty.buffer.Unpooled;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * One TCP connection, inbound or outbound: frames received bytes into messages and writes outgoing
 * ones. While an outbound connection is being set up, sends are queued. A message must arrive whole
 * within the guard's message timeout from its first byte (and an inbound connection must bring its
 * first message within that time from the accept), else the connection is closed: a peer cannot
 * hold buffers and a connection slot by trickling bytes.
 */
final class TcpConnection implements StreamFramer.Sink, TimerWheel.Target {
  private final StreamConnections transport;
  private final StreamFramer framer;
  private final ConnectionGuard guard; // null for connections we opened
  private final TimerWheel.Timer messageClock = new TimerWheel.Timer(this);
  private final List<String> keys = new ArrayList<>(2); // cache keys this connection is under
  private NetSocket socket;
  private Endpoint remote;
  private List<Object> queued; // byte[] then its error handler (or null), while connecting
  private boolean closed;

  TcpConnection(StreamConnections transport, int maxMessageSize, ConnectionGuard inboundGuard) {
    this.transport = transport;
    this.framer = new StreamFramer(maxMessageSize, this);
    this.guard = inboundGuard;
  }

  /** Starts reading from a connected socket. */
  void attach(NetSocket s, Endpoint remoteEndpoint) {
    this.socket = s;
    this.remote = remoteEndpoint;
    s.handler(this::onData);
    s.closeHandler(v -> onClosed(null));
    s.exceptionHandler(e -> SipTransport.LOG.debugf("TCP %s: %s", remote, e.toString()));
    if (guard != null) {
      guard.startMessageClock(messageClock); // the first message is due within the timeout
    }
    if (queued != null) {
      List<Object> q = queued;
      queued = null;
      for (int i = 0; i < q.size(); i += 2) {
        @SuppressWarnings("unchecked")
        Handler<Throwable> onError = (Handler<Throwable>) q.get(i + 1);
        send((byte[]) q.get(i), onError);
      }
    }
  }

  void addKey(String key) {
    keys.add(key);
  }

  List<String> keys() {
    return keys;
  }

  void send(byte[] bytes, Handler<Throwable> onError) {
    if (closed) {
      if (onError != null) {
        onError.handle(new IllegalStateException("connection closed"));
      }
    } else if (socket == null) {
      if (queued == null) {
        queued = new ArrayList<>(4);
      }
      queued.add(bytes);
      queued.add(onError);
    } else if (onError == null) {
      socket.write(Buffer.buffer(Unpooled.wrappedBuffer(bytes)));
    } else {
      socket.write(Buffer.buffer(Unpooled.wrappedBuffer(bytes))).onFailure(onError);
    }
  }

  /** Connection closed or could not be set up: fail what is queued, leave the cache. */
  void onClosed(Throwable cause) {
    if (closed) {
      return;
    }
    closed = true;
    transport.forget(this);
    if (guard != null) {
      guard.stopMessageClock(messageClock);
      guard.release(remote.host());
    }
    if (queued != null) {
      Throwable c = cause != null ? cause : new IllegalStateException("connection closed");
      for (int i = 1; i < queued.size(); i += 2) {
        @SuppressWarnings("unchecked")
        Handler<Throwable> onError = (Handler<Throwable>) queued.get(i);
        if (onError != null) {
          onError.handle(c);
        }
      }
      queued = null;
    }
  }

  void close() {
    if (socket != null) {
      socket.close();
    }
    onClosed(null);
  }

  private void onData(Buffer data) {
    int len = data.length();
    framer.ensureRoom(len);
    data.getBytes(0, len, framer.writeArray(), framer.writeOffset());
    if (!framer.written(len)) {
      SipTransport.LOG.debugf("TCP %s: oversized or unframeable message, closing", remote);
      close();
    } else if (guard != null && framer.buffered() > 0 && !closed) {
      guard.startMessageClock(messageClock); // a message began: it must end within the timeout
    }
  }

  @Override
  public void onMessage(byte[] buf, int off, int len) {
    if (guard != null) {
      guard.stopMessageClock(messageClock);
    }
    transport.received(buf, off, len, remote);
  }

  @Override
  public void onTimer(TimerWheel.Timer t) {
    if (!closed) {
      SipTransport.LOG.debugf("TCP %s: no complete message in time, closing", remote);
      transport.rejected(remote, Rejection.SLOW_CONNECTION);
      close();
    }
  }

  @Override
  public void onPing() {
    if (socket != null) {
      socket.write(Buffer.buffer(Unpooled.wrappedBuffer(new byte[] {'\r', '\n'})));
    }
  }
}
