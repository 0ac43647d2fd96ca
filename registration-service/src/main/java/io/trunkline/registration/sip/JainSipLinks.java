package io.trunkline.registration.sip;

import io.trunkline.registration.domain.ProbeLink;
import io.trunkline.registration.domain.ProviderLinks;
import io.trunkline.registration.domain.RegistrarLink;

/**
 * The state machines' links to providers over this service's JAIN-SIP stack. Answers reach a link
 * through the session handler of its method, by Call-ID, on the machines' thread.
 */
public final class JainSipLinks implements ProviderLinks {

  private final JainSipStack stack;
  private final SipRequestFactory requests;
  private final SessionsByCallId registerSessions;
  private final SessionsByCallId optionsSessions;
  private final String optionsFromUser;
  private final TrunkNames names;

  public JainSipLinks(
      JainSipStack stack,
      SipRequestFactory requests,
      SessionsByCallId registerSessions,
      SessionsByCallId optionsSessions,
      String optionsFromUser,
      TrunkNames names) {
    this.names = names;
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

  JainSipStack stack() {
    return stack;
  }

  SipRequestFactory requests() {
    return requests;
  }

  SessionsByCallId registerSessions() {
    return registerSessions;
  }

  SessionsByCallId optionsSessions() {
    return optionsSessions;
  }

  TrunkNames names() {
    return names;
  }

  String optionsFromUser() {
    return optionsFromUser;
  }
}
