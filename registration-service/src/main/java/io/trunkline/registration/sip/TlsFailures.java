package io.trunkline.registration.sip;

import io.trunkline.registration.domain.LinkFailure;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import org.jboss.logging.Logger;

/**
 * Tells a failed TLS handshake (refused certificate, no common protocol, no handshake in time) from
 * other errors.
 */
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

  /**
   * The failure a request that could not leave is told as: {@code tls} for a failed handshake, a
   * transport error for a SIP one (connection refused or timed out), else an unbuildable request.
   */
  static LinkFailure sendFailure(Throwable e, String method) {
    if (isTls(e)) {
      return linkFailure(e);
    }
    return e instanceof javax.sip.SipException
        ? LinkFailure.transport(e.getMessage())
        : LinkFailure.unbuildable(method, e.getMessage(), true);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.toString();
  }
}
