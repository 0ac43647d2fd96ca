package io.trunkline.registration.sip;

import io.trunkline.platform.tls.SipTls;
import io.trunkline.registration.config.SipConfig;
import java.util.Properties;

/** The JAIN-SIP stack's settings: what this service turns off, on and bounds in it. */
final class JainSipSettings {

  private JainSipSettings() {}

  /**
   * @param tls the platform's TLS setup of the TLS listening point; null without TLS
   */
  static Properties of(SipConfig config, SipTls tls) {
    Properties p = new Properties();
    // SipFactory caches stacks by name, also stopped ones: a restart needs a fresh name.
    // "name.n": JAIN-SIP logs under its stack's name, so the category "name" sets its level
    p.setProperty("javax.sip.STACK_NAME", config.stackName() + "." + System.nanoTime());
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
    p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
    p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
    // trunks named by a domain go to the address DNS gave (SRV), not where the URI's name points
    p.setProperty("javax.sip.USE_ROUTER_FOR_ALL_URIS", "true");
    // What a hostile peer can cost: bounded message size, UDP queue, TCP connections (a thread
    // each) and the time a TCP message may take to arrive.
    p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(config.maxMessageSize()));
    p.setProperty(
        "gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(config.udpReceiveBuffer()));
    p.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", Integer.toString(config.maxConnections()));
    p.setProperty(
        "gov.nist.javax.sip.READ_TIMEOUT", Long.toString(config.readTimeout().toMillis()));
    p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
    if (tls != null) {
      // every TLS socket comes from the platform's TLS setup (trust, SNI, host-name check)
      p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", String.join(",", tls.protocols()));
      p.setProperty(
          "gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(" ", tls.cipherSuites()));
      p.setProperty(
          "gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT",
          Long.toString(tls.settings().handshakeTimeout().toMillis()));
    }
    return p;
  }
}
