package io.trunkline.sip;

/**
 * RFC 3261 17.1.1 INVITE client transaction with the RFC 6026 Accepted state. Calling (timer A
 * retransmits over UDP, B gives up), Proceeding, Completed (ACK for non-2xx sent here, timer D =
 * 64*T1, i.e. 32 s at the RFC T1, 0 over TCP), Accepted (2xx retransmissions and forked 2xx go to
 * the listener for 64*T1). In Proceeding a timer C (RFC 3261 16.6, 3 min since the last 1xx)
 * cancels and reports a timeout so that nothing lingers if the TU never gives up.
 */
final class InviteClientTransaction extends AbstractClientTransaction {
  private static final int CALLING = 0;
  private static final int PROCEEDING = 1;
  private static final int COMPLETED = 2;
  private static final int ACCEPTED = 3;

  private static final ResponseListener CANCEL_LISTENER =
      new ResponseListener() {
        @Override
        public void onResponse(ClientTransaction tx, SipMessage response) {}

        @Override
        public void onTimeout(ClientTransaction tx) {
          StackCore.LOG.debug("CANCEL timed out");
        }

        @Override
        public void onTransportError(ClientTransaction tx, Throwable cause) {
          StackCore.LOG.debugf("CANCEL not sent: %s", cause);
        }
      };

  private int state = CALLING;
  private boolean cancelRequested;
  private boolean cancelSent;
  private boolean gaveUp; // timeout reported: later responses are only ACKed, not delivered
  private byte[] ack;

  InviteClientTransaction(
      StackCore core, String key, SipMessage request, Endpoint dest, ResponseListener listener) {
    super(core, key, request, dest, listener);
  }

  @Override
  public void cancel() {
    core.exec(
        () -> {
          if (terminated || cancelSent) {
            return;
          }
          if (state == CALLING) {
            cancelRequested = true; // sent when the first 1xx arrives
          } else if (state == PROCEEDING) {
            sendCancel();
          }
        });
  }

  /**
   * Accepted (RFC 6026) only passes 2xx retransmissions and forks to the TU. Once the TU has
   * detached they would go to {@link SipHandler#onStrayResponse} anyway, which is where RFC 3261
   * sends 2xx that match no transaction, so the transaction ends now instead of lingering 32 s.
   */
  @Override
  void onDetached() {
    if (state == ACCEPTED) {
      terminate();
    }
  }

  @Override
  void onResponse(SipMessage response) {
    if (terminated) {
      return;
    }
    int status = response.status();
    if (status < 200) {
      if (state == CALLING || state == PROCEEDING) {
        state = PROCEEDING;
        core.wheel.cancel(retransmit);
        if (!cancelSent) {
          if (cancelRequested) {
            sendCancel();
          } else {
            core.wheel.schedule(timeout, core.timerC);
          }
        }
        deliver(response);
      }
    } else if (status < 300) {
      if (state == CALLING || state == PROCEEDING) {
        state = ACCEPTED;
        core.wheel.cancel(retransmit);
        core.wheel.schedule(timeout, 64 * core.t1); // RFC 6026 timer M
        finalSeen = true;
        bytes = null; // the request stays for the TU (2xx retransmissions) until it detaches
        deliver(response);
      } else if (state == ACCEPTED) {
        deliver(response); // retransmission or another fork: the TU ACKs each
      }
    } else if (state == CALLING || state == PROCEEDING) {
      state = COMPLETED;
      core.wheel.cancel(retransmit);
      ack = createAck(response).encode();
      finalSeen = true;
      core.send(ack, target(), null);
      if (reliable) {
        terminate();
      } else {
        core.wheel.schedule(timeout, 64 * core.t1); // timer D
      }
      deliver(response);
      slim();
      dropTu(); // timer D only ACKs retransmitted finals: no call state kept for it
    } else if (state == COMPLETED) {
      core.send(ack, target(), null); // retransmitted final: ACK again
    }
  }

  @Override
  public void onTimer(TimerWheel.Timer t) {
    if (t == retransmit) {
      if (state == CALLING) {
        transmit(bytes);
        interval *= 2; // timer A: no cap
        core.wheel.schedule(retransmit, interval);
      }
      return;
    }
    if (state == PROCEEDING && !cancelSent) { // timer C
      sendCancel();
      reportTimeout();
      return;
    }
    boolean report = state == CALLING || state == PROCEEDING; // B, or no final after CANCEL
    terminate();
    if (report) {
      reportTimeout();
    }
  }

  private void reportTimeout() {
    if (!gaveUp) {
      gaveUp = true;
      StackCore.onTimeout(listener, this);
    }
  }

  private void deliver(SipMessage response) {
    if (gaveUp) {
      return;
    }
    if (listener != null) {
      StackCore.onResponse(listener, this, response);
    } else if (response.status() < 300) {
      core.onStrayResponse(response, destination); // the TU detached: its leg ended
    }
  }

  /** RFC 3261 9.1: same Request-URI, Call-ID, From, To, CSeq number, Route; top Via only. */
  private void sendCancel() {
    cancelSent = true;
    SipMessage cancel = SipMessage.request("CANCEL", request.requestUri());
    copyCommon(cancel);
    cancel.addHeader(HeaderNames.TO, request.headers.first(HeaderNames.TO));
    cancel.addHeader(HeaderNames.CSEQ, request.cseq() + " CANCEL");
    String branch = request.topVia().branch();
    new NonInviteClientTransaction(core, branch + "|CANCEL", cancel, destination, CANCEL_LISTENER)
        .start();
    // RFC 3261 9.1: no final response 64*T1 after the CANCEL: the INVITE is considered cancelled
    core.wheel.schedule(timeout, 64 * core.t1);
  }

  /** RFC 3261 17.1.1.3: the ACK for a non-2xx final, To from the response. */
  private SipMessage createAck(SipMessage response) {
    SipMessage a = SipMessage.request("ACK", request.requestUri());
    copyCommon(a);
    a.addHeader(HeaderNames.TO, response.headers.first(HeaderNames.TO));
    a.addHeader(HeaderNames.CSEQ, request.cseq() + " ACK");
    return a;
  }

  private void copyCommon(SipMessage m) {
    m.addHeader(HeaderNames.VIA, request.header(HeaderNames.VIA));
    HeaderList h = request.headers;
    for (int i = 0; i < h.size; i++) {
      if (h.names[i] == HeaderNames.ROUTE) {
        m.headers.append(HeaderNames.ROUTE, h.values[i]);
      }
    }
    m.addHeader(HeaderNames.MAX_FORWARDS, "70");
    m.addHeader(HeaderNames.FROM, request.headers.first(HeaderNames.FROM));
    m.addHeader(HeaderNames.CALL_ID, request.callId());
  }
}
