package io.trunkline.registration.sip;

import gov.nist.javax.sip.SipStackImpl;
import io.trunkline.registration.config.SipConfig;
import io.trunkline.registration.service.RegistrationMetrics;

/**
 * What guards this service's JAIN-SIP stack against hostile peers (see {@link DatagramGate}, {@link
 * BoundedUdpProcessorFactory}, {@link EdgeValve}), installed on a stack before it listens.
 * Installed by object, not by class name: JAIN-SIP's Class.forName does not see application classes
 * under Quarkus.
 */
public final class SipEdge {

  private final BoundedUdpProcessorFactory processors;
  private final EdgeValve valve;

  public SipEdge(SipConfig config, RegistrationMetrics metrics) {
    DatagramGate gate =
        new DatagramGate(
            metrics, config.ratePerSource(), config.banTime().toMillis(), config.maxMessageSize());
    this.processors = new BoundedUdpProcessorFactory(gate, metrics, config.udpQueue());
    this.valve = new EdgeValve(metrics);
  }

  void install(SipStackImpl stack) {
    stack.setMessageProcessorFactory(processors);
    valve.init(stack);
    stack.sipMessageValves.add(valve);
  }
}
