package io.trunkline.routing.sip;

import io.trunkline.platform.tls.SipTls;
import io.trunkline.platform.tls.TlsSettings;
import io.trunkline.platform.tls.config.SipTlsConfig;
import io.trunkline.platform.tls.vertx.VertxTls;
import io.trunkline.sip.SipTlsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import org.jboss.logging.Logger;

/**
 * Turns trunkline.sip.tls.* into the stack's TLS options through the platform's one TLS setup (the
 * same trust, protocols and key handling as registration-service).
 */
final class SipTlsSetup {

  private static final Logger LOG = Logger.getLogger(SipTlsSetup.class);

  private SipTlsSetup() {}

  /** The stack's TLS options; a bad setting stops the start with a message naming it. */
  static SipTlsOptions options(SipTlsConfig c) {
    TlsSettings settings = c.settings();
    SipTls tls = SipTls.create(settings);
    boolean hasCertificate = tls.keyManager().isPresent();
    NetServerOptions server = null;
    if (c.listen() && hasCertificate) {
      server = VertxTls.serverOptions(tls, new NetServerOptions());
    } else if (c.listen()) {
      LOG.warn(
          "not listening for SIP over TLS: set trunkline.sip.tls.certificate and private-key (or"
              + " key-store), or trunkline.sip.tls.listen=false; sending to TLS trunks works");
    }
    return new SipTlsOptions(
        c.port(),
        server,
        VertxTls.clientOptions(tls, true, new NetClientOptions()),
        VertxTls.clientOptions(tls, false, new NetClientOptions()),
        VertxTls::remoteAddress);
  }
}
