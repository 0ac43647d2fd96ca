package io.trunkline.registration.sip;

import io.trunkline.registration.domain.DigestCredentials;
import io.trunkline.registration.domain.LinkFailure;
import io.trunkline.registration.domain.RegisterAnswer;
import io.trunkline.registration.domain.RegistrarLink;
import io.trunkline.registration.domain.TrunkConfig;
import java.util.List;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One registration's REGISTERs over JAIN-SIP: a Call-ID and From tag of its own for its whole life
 * (RFC 3261 §10.2), the digest answer written into the request, the registrar's answers reduced to
 * a {@link RegisterAnswer}.
 */
final class SipRegistrarLink implements RegistrarLink, SipSession {

  private final JainSipLinks sip;
  private final Listener listener;
  private final String callId = SecureIds.callId();
  private final String fromTag = SecureIds.tag();
  private String contactUser;

  SipRegistrarLink(JainSipLinks sip, Listener listener) {
    this.sip = sip;
    this.listener = listener;
    sip.registerSessions().add(callId, this);
  }

  @Override
  public boolean transportAvailable(TrunkConfig trunk) {
    return sip.stack().supports(trunk.transportOrDefault());
  }

  @Override
  public void register(TrunkConfig trunk, long cseq, int expires, DigestCredentials credentials)
      throws LinkFailure {
    Request r;
    try {
      r = sip.requests().register(trunk, callId, fromTag, cseq, expires);
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
    contactUser = sip.requests().contactUser(trunk);
    try {
      sip.stack().send(r);
    } catch (SipException e) {
      throw LinkFailure.transport(e.getMessage());
    } catch (RuntimeException e) {
      throw LinkFailure.unbuildable("REGISTER", e.getMessage(), true);
    }
  }

  @Override
  public void onResponse(Response response) {
    int code = response.getStatusCode();
    boolean challenged =
        code == Response.UNAUTHORIZED || code == Response.PROXY_AUTHENTICATION_REQUIRED;
    listener.onAnswer(
        new RegisterAnswer(
            RegisterResponses.cseq(response),
            code,
            response.getReasonPhrase(),
            RegisterResponses.grantedExpires(response, contactUser),
            RegisterResponses.minExpires(response),
            RegisterResponses.retryAfter(response),
            challenged ? DigestAuthenticator.offered(response) : List.of()));
  }

  @Override
  public void onTimeout(long cseq) {
    listener.onTimeout(cseq);
  }

  @Override
  public void close() {
    sip.registerSessions().remove(callId);
  }
}
