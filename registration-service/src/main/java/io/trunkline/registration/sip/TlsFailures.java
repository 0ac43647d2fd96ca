package io.trunkline.registration.sip;

import io.trunkline.registration.domain.LinkFailure;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import org.jboss.logging.Logger;

/** Tells a failed TLS handshake (refused certificate, no common protocol) from other errors. */
final class TlsFailures {

  private static final Logger LOG = Logger.getLogger(TlsFailures.class);

  private TlsFailures() {}

  /** Whether {@code e} or one of its causes is a TLS or certificate failure. */
  static boolean isTls(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SSLException || t instanceof CertificateException) {
        return true;
      }
    }
    return false;
  }

  /** The failure the status shows (reason {@code tls}); the handshake's detail goes to the log. */
  static LinkFailure linkFailure(Throwable e) {
    LOG.warnf("TLS handshake with a trunk failed: %s", rootMessage(e));
    return LinkFailure.tls();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.toString();
  }
}
