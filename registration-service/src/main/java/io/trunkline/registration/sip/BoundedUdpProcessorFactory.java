package io.trunkline.registration.sip;

import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import io.trunkline.registration.service.RegistrationMetrics;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * JAIN-SIP's message processors, with the UDP one's queue bounded and gated. JAIN-SIP reads each
 * datagram into a fresh buffer of MAX_MESSAGE_SIZE bytes and queues it, unbounded, for its worker
 * threads (its congestion auditor only drops what waited for seconds): a flood grew the heap by
 * gigabytes before anything was dropped. Here a datagram enters the queue only through the {@link
 * DatagramGate}, and the queue holds at most {@code capacity} of them; the rest are dropped at once
 * and counted ({@code sip_rejected_total{reason="overload"}}). TCP and TLS are JAIN-SIP's own
 * (blocking I/O, capped by MAX_CONNECTIONS and READ_TIMEOUT).
 */
public final class BoundedUdpProcessorFactory implements MessageProcessorFactory {

  private final OIOMessageProcessorFactory others = new OIOMessageProcessorFactory();
  private final DatagramGate gate;
  private final RegistrationMetrics metrics;
  private final int capacity;

  BoundedUdpProcessorFactory(DatagramGate gate, RegistrationMetrics metrics, int capacity) {
    this.gate = gate;
    this.metrics = metrics;
    this.capacity = Math.max(1, capacity);
  }

  @Override
  public MessageProcessor createMessageProcessor(
      SIPTransactionStack stack, InetAddress address, int port, String transport)
      throws IOException {
    if (!"udp".equalsIgnoreCase(transport)) {
      return others.createMessageProcessor(stack, address, port, transport);
    }
    GatedUdp udp = new GatedUdp(address, stack, port, new GatedQueue(gate, metrics, capacity));
    sendFromListeningSocket(stack);
    return udp;
  }

  /**
   * What JAIN-SIP's own factory does for UDP, on a field it keeps package-private: without it every
   * request leaves from a new ephemeral socket, and registrars that answer to the packet's source
   * (as most do) answer a socket nobody reads.
   */
  private static void sendFromListeningSocket(SIPTransactionStack stack) throws IOException {
    try {
      Field udpFlag = SIPTransactionStack.class.getDeclaredField("udpFlag");
      udpFlag.setAccessible(true);
      udpFlag.setBoolean(stack, true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IOException("cannot make JAIN-SIP send from its UDP listening socket", e);
    }
  }

  /** The UDP processor of JAIN-SIP with our queue in place of its unbounded one. */
  static final class GatedUdp extends UDPMessageProcessor {
    GatedUdp(InetAddress address, SIPTransactionStack stack, int port, GatedQueue queue)
        throws IOException {
      super(address, stack, port);
      this.messageQueue = queue; // before start(): the workers read the field when they run
    }
  }

  /** Bounded; offers that fail the gate, or find it full, are refused (the datagram dropped). */
  static final class GatedQueue extends ArrayBlockingQueue<DatagramQueuedMessageDispatch> {
    private static final long serialVersionUID = 1L;
    private final transient DatagramGate gate;
    private final transient RegistrationMetrics metrics;

    GatedQueue(DatagramGate gate, RegistrationMetrics metrics, int capacity) {
      super(capacity);
      this.gate = gate;
      this.metrics = metrics;
    }

    @Override
    public boolean offer(DatagramQueuedMessageDispatch d) {
      if (!gate.admit(d.packet)) {
        return false;
      }
      // JAIN-SIP read the datagram into a buffer of MAX_MESSAGE_SIZE bytes (16 KiB); an answer is
      // a few hundred. Queued as is, a burst's waiting datagrams outlived young collections and
      // were copied into the old generation by the megabyte: queue a copy of its own size.
      d.packet.setData(
          Arrays.copyOfRange(
              d.packet.getData(),
              d.packet.getOffset(),
              d.packet.getOffset() + d.packet.getLength()));
      if (!super.offer(d)) {
        metrics.rejected("overload");
        return false;
      }
      return true;
    }
  }
}
