package io.trunkline.registration.sip;

import io.trunkline.registration.domain.ProbeLink;
import io.trunkline.registration.domain.ProviderLinks;
import io.trunkline.registration.domain.RegistrarLink;
import io.trunkline.registration.service.Engine;

/**
 * The state machines' links to providers over this service's JAIN-SIP stack. Answers reach a link
 * through the session handler of its method, by Call-ID, on the machines' thread.
 */
public final class JainSipLinks implements ProviderLinks, AutoCloseable {

  private final JainSipStack stack;
  private final SipRequestFactory requests;
  private final SessionsByCallId registerSessions;
  private final SessionsByCallId optionsSessions;
  private final String optionsFromUser;
  private final TrunkNames names;
  private final TlsSendLanes tlsSends;

  /**
   * @param engine the engine that owns the links: where the outcome of a send to a TLS destination
   *     (made on threads of the links' own, named {@code threadName}-n) is handed back
   */
  public JainSipLinks(
      JainSipStack stack,
      SipRequestFactory requests,
      SessionsByCallId registerSessions,
      SessionsByCallId optionsSessions,
      String optionsFromUser,
      TrunkNames names,
      Engine engine,
      String threadName) {
    this.names = names;
    this.tlsSends = new TlsSendLanes(threadName, engine::execute);
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

  TlsSendLanes tlsSends() {
    return tlsSends;
  }

  /** Stops the threads that send to TLS destinations. */
  @Override
  public void close() {
    tlsSends.close();
  }
}
