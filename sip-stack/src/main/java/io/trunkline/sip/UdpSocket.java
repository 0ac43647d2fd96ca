package io.trunkline.sip;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.future.PromiseInternal;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;

/**
 * The stack's UDP socket, on Netty directly and on the stack's own event loop. Vert.x's
 * DatagramSocket cost a quarter of the SIP work per datagram at thousands of calls per second: a
 * heap copy of every datagram (and a second one into our byte[]), an address object and string per
 * packet, an asynchronous name resolution of the destination for every send (even an IP literal),
 * and Quarkus' Vert.x metrics registering a meter per datagram. Here a datagram is copied once into
 * the byte[] the parser reads, peers' addresses are cached both ways, and reads go into a fixed
 * ring of reused direct buffers (a pooled 64 KiB buffer per read made Netty's pool create and zero
 * a new 4 MiB chunk for nearly every read batch).
 */
final class UdpSocket {
  private static final int MAX_PEERS = 4096;
  private static final int READS_PER_WAKEUP = 16;

  /**
   * What the socket hands on: every datagram not over the size cap, as data[0, len) of a buffer the
   * socket reuses for the next datagram, so valid only during the call (the parser copies what it
   * keeps).
   */
  interface Receiver {
    void onDatagram(byte[] data, int len, Endpoint source);
  }

  private final ContextInternal context;
  private final int maxMessageSize;
  private final int receiveBuffer;
  private final Receiver receiver;
  // Event loop only; each cleared when it grows past its bound.
  private final HashMap<InetSocketAddress, Endpoint> peers = new HashMap<>();
  private final HashMap<Endpoint, InetSocketAddress> addresses = new HashMap<>();
  private Channel channel;
  // Event loop only: every datagram is copied here, handed on and parsed before the next one is
  // read (a new array per datagram was the largest single share of the bytes allocated per call).
  private byte[] readBuffer;

  UdpSocket(ContextInternal context, int maxMessageSize, int receiveBuffer, Receiver receiver) {
    this.context = context;
    this.maxMessageSize = maxMessageSize;
    this.receiveBuffer = receiveBuffer;
    this.receiver = receiver;
  }

  /** Binds host:port (0: any free port); the future gets the bound port. */
  Future<Integer> listen(int port, String host) {
    PromiseInternal<Integer> bound = context.promise();
    ChannelFuture f;
    try {
      InetAddress address = InetAddress.getByName(host);
      f =
          new Bootstrap()
              .group(context.nettyEventLoop())
              .channelFactory(() -> new NioDatagramChannel(family(address)))
              .option(ChannelOption.SO_RCVBUF, receiveBuffer)
              .option(ChannelOption.RCVBUF_ALLOCATOR, new RingAllocator(readSize()))
              .handler(new Inbound())
              .bind(new InetSocketAddress(address, port));
    } catch (UnknownHostException e) {
      return Future.failedFuture(e);
    }
    f.addListener(
        done -> {
          if (done.isSuccess()) {
            channel = f.channel();
            bound.complete(((InetSocketAddress) channel.localAddress()).getPort());
          } else {
            bound.fail(done.cause());
          }
        });
    return bound.future();
  }

  private static InternetProtocolFamily family(InetAddress a) {
    return a instanceof Inet6Address ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4;
  }

  private int readSize() {
    return Math.min(maxMessageSize, 65535);
  }

  /**
   * Sends one datagram. host is an IP literal on the hot path (resolved once, cached); a name goes
   * through resolve first. onError (may be null) hears about resolve and write failures.
   */
  void send(byte[] bytes, Endpoint dest, Handler<Throwable> onError, Resolver resolve) {
    InetSocketAddress to = addresses.get(dest);
    if (to == null) {
      byte[] literal = NetUtil.createByteArrayFromIpAddressString(dest.host());
      if (literal == null) {
        resolve.resolve(
            dest.host(),
            ip -> write(bytes, new InetSocketAddress(ipAddress(ip), dest.port()), onError),
            onError == null ? e -> {} : onError);
        return;
      }
      to = new InetSocketAddress(ipAddress(literal), dest.port());
      if (addresses.size() >= MAX_PEERS) {
        addresses.clear();
      }
      addresses.put(dest, to);
    }
    write(bytes, to, onError);
  }

  /** Resolves a host name to an IP literal, asynchronously. */
  interface Resolver {
    void resolve(String host, Handler<String> ok, Handler<Throwable> fail);
  }

  private void write(byte[] bytes, InetSocketAddress to, Handler<Throwable> onError) {
    Channel c = channel;
    DatagramPacket packet = new DatagramPacket(Unpooled.wrappedBuffer(bytes), to);
    if (onError == null) {
      c.writeAndFlush(packet, c.voidPromise());
      return;
    }
    ChannelPromise p = c.newPromise();
    p.addListener(
        done -> {
          if (!done.isSuccess()) {
            onError.handle(done.cause());
          }
        });
    c.writeAndFlush(packet, p);
  }

  Future<Void> close() {
    if (channel == null) {
      return Future.succeededFuture();
    }
    PromiseInternal<Void> closed = context.promise();
    channel.close().addListener(done -> closed.complete());
    return closed.future();
  }

  private static InetAddress ipAddress(byte[] literal) {
    try {
      return InetAddress.getByAddress(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e); // only for a wrong length, which NetUtil never gives
    }
  }

  private static InetAddress ipAddress(String literal) {
    byte[] b = NetUtil.createByteArrayFromIpAddressString(literal);
    if (b == null) {
      throw new IllegalArgumentException("not an IP address: " + literal);
    }
    return ipAddress(b);
  }

  /** The Endpoint of a sender: one per peer, so transactions share it. */
  private Endpoint peer(InetSocketAddress from) {
    Endpoint e = peers.get(from);
    if (e == null) {
      if (peers.size() >= MAX_PEERS) {
        peers.clear();
      }
      e = new Endpoint(Transport.UDP, from.getAddress().getHostAddress(), from.getPort());
      peers.put(from, e);
    }
    return e;
  }

  private final class Inbound extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      DatagramPacket packet = (DatagramPacket) msg;
      ByteBuf content = packet.content();
      int len = content.readableBytes();
      byte[] bytes = null;
      if (len <= maxMessageSize) {
        if (readBuffer == null || readBuffer.length < len) {
          readBuffer = new byte[Math.max(len, readSize())];
        }
        bytes = readBuffer;
        content.getBytes(content.readerIndex(), bytes, 0, len);
      }
      packet.release();
      if (bytes == null) {
        SipTransport.LOG.debugf("dropping %d-byte datagram from %s", len, packet.sender());
        return;
      }
      // run as the stack's context, as Vert.x runs its own handlers: the stack checks that it is
      // on its context before doing anything directly
      ContextInternal previous = context.beginDispatch();
      try {
        receiver.onDatagram(bytes, len, peer(packet.sender()));
      } catch (RuntimeException e) {
        SipTransport.LOG.debugf("datagram handler failed: %s", e.toString());
      } finally {
        context.endDispatch(previous);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      SipTransport.LOG.debugf("UDP socket error: %s", cause.toString());
    }
  }

  /**
   * Reads into a ring of direct buffers allocated once: Netty reads up to {@link #READS_PER_WAKEUP}
   * datagrams per wake-up before handing them on, and {@link Inbound} copies each out before the
   * next wake-up, so twice as many buffers are never in use at once. The buffers cannot be released
   * (release is a no-op on them): they live as long as the socket.
   */
  private static final class RingAllocator extends DefaultMaxMessagesRecvByteBufAllocator {
    private final ByteBuf[] ring = new ByteBuf[2 * READS_PER_WAKEUP];
    private int next;

    RingAllocator(int size) {
      super(READS_PER_WAKEUP);
      for (int i = 0; i < ring.length; i++) {
        ring[i] = Unpooled.unreleasableBuffer(Unpooled.directBuffer(size, size));
      }
    }

    @Override
    public Handle newHandle() {
      return new MaxMessageHandle() {
        @Override
        public ByteBuf allocate(io.netty.buffer.ByteBufAllocator alloc) {
          ByteBuf b = ring[next];
          next = (next + 1) % ring.length;
          return b.clear();
        }

        @Override
        public int guess() {
          return ring[0].capacity();
        }
      };
    }
  }
}
