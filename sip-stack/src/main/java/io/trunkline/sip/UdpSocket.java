package io.trunkline.sip;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.SocketAddress;
import java.lang.reflect.Field;
import java.util.HashMap;

/**
 * The stack's UDP socket: reads whole datagrams up to the message size cap, hands each to the
 * receiver under one {@link Endpoint} per peer, and sends datagrams. Event loop only.
 */
final class UdpSocket {
  private static final int MAX_UDP_PEERS = 4096;

  private final SipStackOptions options;
  private final SipTransport.Receiver receiver;
  private final DatagramSocket socket;
  // UDP senders seen lately, so that every datagram of a peer shares one Endpoint (transactions
  // keep their source for up to 32 s). Event loop only; cleared when it grows past its bound.
  private final HashMap<Endpoint, Endpoint> udpPeers = new HashMap<>();

  /** A socket reading into {@code receiver}, not yet bound. */
  UdpSocket(Vertx vertx, SipStackOptions options, SipTransport.Receiver receiver) {
    this.options = options;
    this.receiver = receiver;
    this.socket =
        vertx.createDatagramSocket(
            new DatagramSocketOptions().setReceiveBufferSize(options.udpReceiveBuffer()));
    readWholeDatagrams(socket);
    socket.handler(this::onDatagram);
  }

  /** Binds; the future has the port bound (the one asked for, or a free one for 0). */
  Future<Integer> listen(int port, String host) {
    return socket.listen(port, host).map(bound -> bound.localAddress().port());
  }

  /** Sends one datagram; onError (may be null) hears about resolve and write failures. */
  void send(byte[] bytes, Endpoint dest, Handler<Throwable> onError) {
    Future<Void> f =
        socket.send(Buffer.buffer(Unpooled.wrappedBuffer(bytes)), dest.port(), dest.host());
    if (onError != null) {
      f.onFailure(onError);
    }
  }

  Future<Void> close() {
    return socket.close();
  }

  private void onDatagram(DatagramPacket packet) {
    Buffer data = packet.data();
    if (data.length() > options.maxMessageSize()) {
      SipTransport.LOG.debugf("dropping %d-byte datagram from %s", data.length(), packet.sender());
      return;
    }
    byte[] bytes = data.getBytes();
    SocketAddress from = packet.sender();
    receiver.onMessage(bytes, 0, bytes.length, udpPeer(SipTransport.ip(from), from.port()));
  }

  private Endpoint udpPeer(String ip, int port) {
    Endpoint e = new Endpoint(Transport.UDP, ip, port);
    Endpoint known = udpPeers.get(e);
    if (known != null) {
      return known;
    }
    if (udpPeers.size() >= MAX_UDP_PEERS) {
      udpPeers.clear();
    }
    udpPeers.put(e, e);
    return e;
  }

  /**
   * Vert.x sizes each UDP read buffer to the socket receive buffer (4 MiB here) when one is set,
   * and Netty's default is 2 KiB (truncating bigger datagrams). Reads of maxMessageSize, several
   * per wake-up, are what we want; the channel is private, hence reflection (logged if it fails).
   */
  private void readWholeDatagrams(DatagramSocket socket) {
    try {
      Field f = socket.getClass().getDeclaredField("channel");
      f.setAccessible(true);
      Channel channel = (Channel) f.get(socket);
      FixedRecvByteBufAllocator alloc =
          new FixedRecvByteBufAllocator(Math.min(options.maxMessageSize(), 65535));
      alloc.maxMessagesPerRead(16);
      channel.config().setRecvByteBufAllocator(alloc);
    } catch (ReflectiveOperationException | RuntimeException e) {
      SipTransport.LOG.warnf(
          "cannot size UDP reads (%s); reads use %d-byte buffers", e, options.udpReceiveBuffer());
    }
  }
}
