package io.trunkline.registration.sip;

import io.trunkline.registration.domain.ProbeLink;
import io.trunkline.registration.domain.ProviderLinks;
import io.trunkline.registration.domain.RegistrarLink;

/**
 * The state machines' links to providers over this service's JAIN-SIP stack. Answers reach a link
 * through the session handler of its method, by Call-ID, on the machines' thread.
 */
public final class JainSipLinks implements ProviderLinks {

  private final SipStackManager stack;
  private final SipRequestFactory requests;
  private final SessionResponseHandler registerSessions;
  private final SessionResponseHandler optionsSessions;
  private final String optionsFromUser;

  public JainSipLinks(
      SipStackManager stack,
      SipRequestFactory requests,
      SessionResponseHandler registerSessions,
      SessionResponseHandler optionsSessions,
      String optionsFromUser) {
    this.stack = stack;
    this.requests = requests;
    this.registerSessions = registerSessions;
    this.optionsSessions = optionsSessions;
    this.optionsFromUser = optionsFromUser;
  }

  @Override
  public RegistrarLink registrar(RegistrarLink.Listener listener) {
    return new SipRegistrarLink(this, listener);
  }

  @Override
  public ProbeLink probe(ProbeLink.Listener listener) {
    return new SipProbeLink(this, listener);
  }

  SipStackManager stack() {
    return stack;
  }

  SipRequestFactory requests() {
    return requests;
  }

  SessionResponseHandler registerSessions() {
    return registerSessions;
  }

  SessionResponseHandler optionsSessions() {
    return optionsSessions;
  }

  String optionsFromUser() {
    return optionsFromUser;
  }
}
