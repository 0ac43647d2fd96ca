package io.trunkline.sip;

/**
 * Common part of server transactions: identity, where responses go, the last response kept as bytes
 * for retransmission, and the To tag given to responses that lack one.
 */
abstract class AbstractServerTransaction extends TransactionAttachment
    implements ServerTransaction, TimerWheel.Target {
  final StackCore core;
  final String key;
  SipMessage request; // null once lingering (see slim)
  final Endpoint source;
  final boolean reliable;
  byte[] lastResponse;
  boolean finalSent;
  boolean terminated;
  // Where responses go. Over UDP it is fixed by the request's Via and source, so only the Endpoint
  // is kept: the parsed Via (a dozen small objects) would otherwise live as long as timer J or L.
  // Over TCP it depends on whether the connection is still open, so the Via is kept; reliable
  // transactions end with their final response and do not linger.
  private final Endpoint udpTarget;
  private final Via reliableVia;
  private String localTag;

  AbstractServerTransaction(StackCore core, String key, SipMessage request, Endpoint source) {
    this.core = core;
    this.key = key;
    this.request = request;
    this.source = source;
    this.reliable = source.transport().reliable();
    this.reliableVia = reliable ? request.topVia() : null;
    this.udpTarget = reliable ? null : core.responseTarget(request.topVia(), source);
  }

  @Override
  public SipMessage request() {
    return request;
  }

  @Override
  public Endpoint source() {
    return source;
  }

  @Override
  public boolean finalSent() {
    return finalSent;
  }

  @Override
  public void respond(SipMessage response) {
    if (response.isRequest()) {
      throw new IllegalArgumentException("not a response");
    }
    core.exec(() -> send(response));
  }

  private void send(SipMessage response) {
    if (terminated || finalSent) {
      StackCore.LOG.debugf(
          "dropping %d: transaction %s already answered", response.status(), SipText.forLog(key));
      return;
    }
    int status = response.status();
    if (status > 100) {
      addTag(response);
    }
    byte[] bytes = response.encode();
    lastResponse = bytes;
    if (status >= 200) {
      finalSent = true;
    }
    transmit(bytes);
    onResponseSent(response, status);
  }

  /** A To tag for a response that lacks one; a To that does not parse is sent back as it came. */
  private void addTag(SipMessage response) {
    NameAddr to;
    try {
      to = response.to();
    } catch (IllegalArgumentException e) {
      return; // the request's own garbage: answering it matters more than the tag
    }
    if (to != null && to.tag() == null) {
      if (localTag == null) {
        localTag = SipStack.newTag();
      }
      response.setHeader(HeaderNames.TO, to.withTag(localTag).toString());
    }
  }

  /** State change after the TU's response went out. */
  abstract void onResponseSent(SipMessage response, int status);

  /** The same request arrived again. */
  abstract void onRetransmission();

  /** Sends bytes where responses of this transaction go (RFC 3261 18.2.2, RFC 3581). */
  void transmit(byte[] bytes) {
    core.send(bytes, reliable ? core.responseTarget(reliableVia, source) : udpTarget, null);
  }

  /**
   * Drops what a lingering transaction no longer needs (the request, the TU's object): at 1,000
   * calls/s, 32 s of lingering transactions would otherwise keep 32,000 calls' state alive.
   */
  void slim() {
    request = null;
    dropAttachment();
    localTag = null; // only the final's To tag needed it, and the final went out
  }

  void terminate() {
    if (!terminated) {
      terminated = true;
      cancelTimers();
      core.unregister(this);
    }
  }

  abstract void cancelTimers();
}
