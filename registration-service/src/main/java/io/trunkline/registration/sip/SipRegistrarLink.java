package io.trunkline.registration.sip;

import io.trunkline.platform.dns.SipLookup;
import io.trunkline.registration.domain.DigestCredentials;
import io.trunkline.registration.domain.LinkFailure;
import io.trunkline.registration.domain.RegisterAnswer;
import io.trunkline.registration.domain.RegistrarLink;
import io.trunkline.registration.domain.TrunkConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One registration's REGISTERs over JAIN-SIP: a Call-ID and From tag of its own for its whole life
 * (RFC 3261 §10.2), the digest answer written into the request, the registrar's answers reduced to
 * a {@link RegisterAnswer}.
 */
final class SipRegistrarLink extends CallIdSession<RegistrarLink.Listener>
    implements RegistrarLink {

  private String contactUser;
  private String contactUserOf; // the trunk id contactUser was made for

  SipRegistrarLink(JainSipLinks sip, Listener listener) {
    super(sip, listener, sip.registerSessions());
  }

  @Override
  public boolean transportAvailable(TrunkConfig trunk) {
    return sip.stack().supports(trunk.transportOrDefault());
  }

  @Override
  public void register(TrunkConfig trunk, long cseq, int expires, DigestCredentials credentials)
      throws LinkFailure {
    if (!trunk.id().equals(contactUserOf)) {
      // an HMAC per trunk, not per REGISTER: the same for the trunk's whole life in this process
      contactUser = sip.requests().contactUser(trunk);
      contactUserOf = trunk.id();
    }
    Request r;
    try {
      r = sip.requests().register(trunk, contactUser, callId, fromTag, cseq, expires);
      if (credentials != null) {
        r.addHeader(
            DigestAuthenticator.authorize(
                sip.stack().headerFactory(),
                new DigestAuthenticator.Challenge(credentials.proxy(), credentials.challenge()),
                Request.REGISTER,
                r.getRequestURI(),
                credentials.user(),
                credentials.password(),
                credentials.nonceCount()));
      }
    } catch (Exception e) {
      throw LinkFailure.unbuildable("REGISTER", e.getMessage(), false);
    }
    SipLookup lookup = TrunkNames.lookupOf(trunk);
    boolean verify = trunk.tlsVerifyOrDefault();
    if (lookup == null) {
      walk.direct(cseq);
      send(() -> transmit(sip.stack().tlsDestination(r), cseq, () -> sip.stack().send(r, verify)));
      return;
    }
    // a cached name answers at once (failures thrown as today); a cold one answers later
    boolean[] sync = {true};
    LinkFailure[] failure = {null};
    sip.names()
        .resolve(
            lookup,
            resolution -> {
              try {
                if (!resolution.isResolved()) {
                  throw LinkFailure.dns();
                }
                send(
                    () -> {
                      TargetWalk.Copy first = walk.start(r, cseq, resolution.targets(), verify);
                      transmit(first.tlsDestination(), first.wireCseq(), first::send);
                    });
              } catch (LinkFailure f) {
                if (sync[0]) {
                  failure[0] = f;
                } else if (!closed()) {
                  listener.onAnswer(failed(cseq, f));
                }
              }
            });
    sync[0] = false;
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  private interface Attempt {
    void run() throws SipException;
  }

  private static void send(Attempt attempt) throws LinkFailure {
    try {
      attempt.run();
    } catch (SipException e) {
      throw TlsFailures.isTls(e)
          ? TlsFailures.linkFailure(e)
          : LinkFailure.transport(e.getMessage());
    } catch (RuntimeException e) {
      throw LinkFailure.unbuildable("REGISTER", e.getMessage(), true);
    }
  }

  /**
   * Sends now, or when it goes over TLS ({@code tls} not null) on that destination's lane, off the
   * engine thread: a send that fails there is told as the answer of the copy with CSeq {@code
   * wireCseq}, as after a lookup.
   */
  private void transmit(InetSocketAddress tls, long wireCseq, TlsSendLanes.Send send)
      throws SipException {
    sendNowOrOnLane(
        tls,
        send,
        (tx, failure) -> {
          long asked = walk.asked(wireCseq);
          if (failure != null && !closed() && asked >= 0) {
            listener.onAnswer(failed(asked, TlsFailures.sendFailure(failure, "REGISTER")));
          }
        });
  }

  /** A request that could not leave after a lookup, told to the machine as its answer. */
  private static RegisterAnswer failed(long cseq, LinkFailure f) {
    return new RegisterAnswer(cseq, f.code(), f.getMessage(), null, -1, Duration.ZERO, List.of());
  }

  @Override
  public void onResponse(Response response) {
    int code = response.getStatusCode();
    long asked = walk.asked(RegisterResponses.cseq(response));
    if (asked < 0) {
      return; // an answer to a copy the walk moved on from
    }
    if (code >= 200 && walk.skipsTo(code)) {
      nextTarget(asked);
      return;
    }
    walk.answered();
    boolean challenged =
        code == Response.UNAUTHORIZED || code == Response.PROXY_AUTHENTICATION_REQUIRED;
    listener.onAnswer(
        new RegisterAnswer(
            asked,
            code,
            response.getReasonPhrase(),
            RegisterResponses.grantedExpires(response, contactUser),
            RegisterResponses.minExpires(response),
            RegisterResponses.retryAfter(response),
            challenged ? DigestAuthenticator.offered(response) : List.of()));
  }

  @Override
  public void onTimeout(long cseq) {
    long asked = walk.asked(cseq);
    if (asked < 0) {
      return;
    }
    if (walk.skipsTo(408)) {
      nextTarget(asked);
    } else {
      listener.onTimeout(asked);
    }
  }

  /** Sends the REGISTER to the trunk's next address; a failure to do so is its answer. */
  private void nextTarget(long asked) {
    try {
      TargetWalk.Copy copy = walk.next();
      transmit(copy.tlsDestination(), copy.wireCseq(), copy::send);
    } catch (SipException | RuntimeException e) {
      LinkFailure f =
          TlsFailures.isTls(e) ? TlsFailures.linkFailure(e) : LinkFailure.transport(e.getMessage());
      listener.onAnswer(failed(asked, f));
    }
  }
}
