package io.trunkline.routing.warmup;

import io.trunkline.sip.ClientTransaction;
import io.trunkline.sip.Dialog;
import io.trunkline.sip.Endpoint;
import io.trunkline.sip.ResponseListener;
import io.trunkline.sip.SipMessage;
import io.trunkline.sip.SipStack;
import io.trunkline.sip.Transport;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PBX's side of the warm-up: whole calls (INVITE, ACK on the 200, BYE at once) to the private
 * router over UDP, with a bound on the calls in progress. A call that fails or times out only
 * counts; the warm-up never retries.
 */
final class WarmupCalls {

  private final SipStack pbx;
  private final Endpoint router;
  private final Semaphore inProgress;
  private final int maxInProgress;
  final AtomicInteger started = new AtomicInteger();
  final AtomicInteger completed = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();

  WarmupCalls(SipStack pbx, int routerPort, int maxInProgress) {
    this.pbx = pbx;
    this.router = new Endpoint(Transport.UDP, "127.0.0.1", routerPort);
    this.maxInProgress = maxInProgress;
    this.inProgress = new Semaphore(maxInProgress);
  }

  /** Starts a call to a number unless too many are in progress; false when it did not. */
  boolean tryCall(String dialled) {
    if (!inProgress.tryAcquire()) {
      return false;
    }
    started.incrementAndGet();
    SipMessage invite =
        SipMessage.request("INVITE", "sip:" + dialled + "@127.0.0.1:" + router.port())
            .addHeader("From", "<sip:101@127.0.0.1>;tag=" + SipStack.newTag())
            .addHeader("To", "<sip:" + dialled + "@127.0.0.1>")
            .addHeader("Call-ID", pbx.newCallId())
            .addHeader("CSeq", "1 INVITE")
            .addHeader("Contact", "<sip:101@127.0.0.1:" + pbx.port() + ">")
            .setBody("application/sdp", FakeTrunk.sdp());
    pbx.sendRequest(invite, router, new InviteListener());
    return true;
  }

  /** Whether every started call has ended, waiting at most {@code millis}. */
  boolean awaitIdle(long millis) throws InterruptedException {
    if (!inProgress.tryAcquire(maxInProgress, millis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      return false;
    }
    inProgress.release(maxInProgress);
    return true;
  }

  private void ended(boolean ok) {
    (ok ? completed : failed).incrementAndGet();
    inProgress.release();
  }

  /**
   * Ends its call once when the request gets no final answer; the attachment marks a transaction
   * that has already ended its call (or, for an INVITE, turned into a dialog).
   */
  private abstract class CallStep implements ResponseListener {

    @Override
    public void onTimeout(ClientTransaction tx) {
      endOnce(tx, false);
    }

    @Override
    public void onTransportError(ClientTransaction tx, Throwable cause) {
      endOnce(tx, false);
    }

    void endOnce(ClientTransaction tx, boolean ok) {
      if (tx.attachment() == null) {
        tx.attach(Boolean.valueOf(ok));
        ended(ok);
      }
    }
  }

  /** ACKs the first 200 and hangs up at once; any other final answer ends the call. */
  private final class InviteListener extends CallStep {

    @Override
    public void onResponse(ClientTransaction tx, SipMessage response) {
      int status = response.status();
      if (status < 200 || tx.attachment() != null) {
        return; // provisional, or a retransmitted 200 of a call already ACKed
      }
      if (status >= 300) {
        endOnce(tx, false);
        return;
      }
      Dialog d = Dialog.asUac(tx.request(), response);
      tx.attach(d);
      pbx.sendStateless(d.createAck(tx.request().cseq()), d.nextHop(Transport.UDP));
      pbx.sendRequest(d.createRequest("BYE"), d.nextHop(Transport.UDP), new ByeListener());
    }
  }

  /** The BYE's final answer ends the call. */
  private final class ByeListener extends CallStep {

    @Override
    public void onResponse(ClientTransaction tx, SipMessage response) {
      if (response.status() >= 200) {
        endOnce(tx, response.status() < 300);
      }
    }
  }
}
