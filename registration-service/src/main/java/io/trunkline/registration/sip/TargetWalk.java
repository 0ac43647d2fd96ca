package io.trunkline.registration.sip;

import io.trunkline.platform.dns.SipTarget;
import io.trunkline.platform.dns.SipTransport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * One request's way over the addresses DNS gave for its trunk: sent to the first, and when that one
 * times out or answers 503, sent again to the next of the same trunk before the failure is
 * reported. Each copy is a new transaction (fresh branch) with the next CSeq of the link, so that a
 * registrar sees CSeq increase on the Call-ID; answers are mapped back to the CSeq the state
 * machine asked for. The address that answered last comes first for the next request while DNS
 * still lists it, so that a challenge is answered to the registrar that sent it.
 */
final class TargetWalk {

  private final JainSipStack stack;
  private Request request;
  private List<SipTarget> targets = List.of();
  private int next;
  private long asked = -1;
  private long onWire = -1;
  private long lastOnWire;
  private SipTarget current;
  private SipTarget answering;
  private boolean tlsVerify = true;

  TargetWalk(JainSipStack stack) {
    this.stack = stack;
  }

  /**
   * One copy of the request for one target, with the CSeq it carries: made on the engine thread,
   * sent there or (over TLS) on a {@link TlsSendLanes} lane.
   */
  final class Copy {
    private final Request request;
    private final SipTarget target;
    private final boolean verify;
    private final long wireCseq;

    private Copy(Request request, SipTarget target, boolean verify, long wireCseq) {
      this.request = request;
      this.target = target;
      this.verify = verify;
      this.wireCseq = wireCseq;
    }

    long wireCseq() {
      return wireCseq;
    }

    /** The address and port the copy goes to over TLS; null when its target is not TLS. */
    InetSocketAddress tlsDestination() {
      return target.transport() == SipTransport.TLS
          ? new InetSocketAddress(target.address(), target.port())
          : null;
    }

    /** Sends the copy (opening the target's connection first when needed). */
    ClientTransaction send() throws SipException {
      return stack.send(
          request,
          target.address().getHostAddress(),
          target.port(),
          target.transport().name(),
          verify);
    }
  }

  /**
   * The copy of {@code r} (CSeq {@code cseq}) for the first target. Over TLS each target's
   * certificate is checked against the trunk's name unless {@code verifyTls} is false.
   */
  Copy start(Request r, long cseq, List<SipTarget> resolved, boolean verifyTls)
      throws SipException {
    request = r;
    tlsVerify = verifyTls;
    List<SipTarget> ordered = new ArrayList<>(resolved);
    if (answering != null && ordered.remove(answering)) {
      ordered.add(0, answering);
    }
    targets = ordered;
    next = 0;
    asked = cseq;
    return next();
  }

  /** A request sent as configured (IP literal): only the CSeq bookkeeping. */
  void direct(long cseq) {
    targets = List.of();
    next = 0;
    asked = cseq;
    onWire = cseq;
    lastOnWire = Math.max(lastOnWire, cseq);
  }

  /** The CSeq the state machine asked for, if {@code wireCseq} is the copy in flight; else -1. */
  long asked(long wireCseq) {
    return wireCseq == onWire ? asked : -1;
  }

  /** The copy in flight was answered: its address is the one to start with next time. */
  void answered() {
    answering = current;
  }

  /** Whether the answer (or a timeout, 408) moves the request on to the trunk's next address. */
  boolean skipsTo(int code) {
    return (code == 503 || code == 408) && next < targets.size();
  }

  /** The next copy, for the next target: from now on the copy in flight. */
  Copy next() throws SipException {
    SipTarget target = targets.get(next++);
    current = target;
    Request copy = (Request) request.clone();
    onWire = Math.max(asked, lastOnWire + 1);
    lastOnWire = onWire;
    try {
      ((CSeqHeader) copy.getHeader(CSeqHeader.NAME)).setSeqNumber(onWire);
      ((ViaHeader) copy.getHeader(ViaHeader.NAME)).setBranch(SecureIds.branch());
    } catch (java.text.ParseException | javax.sip.InvalidArgumentException e) {
      throw new SipException("cannot copy the request: " + e.getMessage(), e);
    }
    return new Copy(copy, target, tlsVerify, onWire);
  }
}
