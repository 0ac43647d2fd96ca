package io.trunkline.platform.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Whether a server certificate is for a host name, by the rules JSSE applies for endpoint
 * identification "HTTPS" (RFC 2818/6125): an IP literal matches only an IP address entry; a name
 * matches a DNS entry, with a wildcard standing for the whole left-most label; the subject's CN
 * counts only when the certificate has no DNS entry. Used where the handshake happened without the
 * expected name (JAIN-SIP checks the certificate after its handshake).
 */
final class HostNameCheck {

  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  private HostNameCheck() {}

  static void verify(X509Certificate certificate, String hostName) throws CertificateException {
    if (!matches(certificate, hostName)) {
      throw new CertificateException(
          "certificate of " + certificate.getSubjectX500Principal() + " is not for " + hostName);
    }
  }

  static boolean matches(X509Certificate certificate, String hostName) {
    String host = hostName.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress ip = ipLiteral(host);
    List<String> dnsNames = new ArrayList<>();
    for (List<?> entry : subjectAltNames(certificate)) {
      int type = (Integer) entry.get(0);
      String value = String.valueOf(entry.get(1));
      if (type == SAN_IP && ip != null && ip.equals(ipLiteral(value))) {
        return true;
      }
      if (type == SAN_DNS) {
        dnsNames.add(value);
      }
    }
    if (ip != null) {
      return false;
    }
    if (dnsNames.isEmpty()) {
      String cn = commonName(certificate);
      return cn != null && nameMatches(cn, host);
    }
    for (String pattern : dnsNames) {
      if (nameMatches(pattern, host)) {
        return true;
      }
    }
    return false;
  }

  private static boolean nameMatches(String pattern, String host) {
    String p = pattern.toLowerCase(Locale.ROOT);
    if (p.endsWith(".")) {
      p = p.substring(0, p.length() - 1);
    }
    if (!p.startsWith("*.")) {
      return p.equals(host);
    }
    // "*.example.com" stands for exactly one label, and never for a bare two-label name
    String suffix = p.substring(1);
    int firstDot = host.indexOf('.');
    return suffix.indexOf('.', 1) > 0 && firstDot > 0 && host.substring(firstDot).equals(suffix);
  }

  private static Collection<List<?>> subjectAltNames(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      return names == null ? List.of() : names;
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }

  private static String commonName(X509Certificate certificate) {
    try {
      LdapName name = new LdapName(certificate.getSubjectX500Principal().getName());
      String cn = null;
      for (Rdn rdn : name.getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          cn = String.valueOf(rdn.getValue());
        }
      }
      return cn;
    } catch (InvalidNameException e) {
      return null;
    }
  }

  static InetAddress ipLiteral(String host) {
    boolean v4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = host.indexOf(':') >= 0 && host.matches("[0-9a-fA-F:.%]+");
    if (!v4 && !v6) {
      return null;
    }
    try {
      return InetAddress.getByName(host); // a literal: parsed, never looked up
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
