package io.trunkline.platform.dns;

/**
 * The SIP transports Trunkline speaks, with what RFC 3263 ties to each: the NAPTR service tag, the
 * SRV owner-name prefix and the port used when DNS gives none.
 */
public enum SipTransport {
  UDP("SIP+D2U", "_sip._udp.", 5060),
  TCP("SIP+D2T", "_sip._tcp.", 5060),
  TLS("SIPS+D2T", "_sips._tcp.", 5061);

  private final String naptrService;
  private final String srvPrefix;
  private final int defaultPort;

  SipTransport(String naptrService, String srvPrefix, int defaultPort) {
    this.naptrService = naptrService;
    this.srvPrefix = srvPrefix;
    this.defaultPort = defaultPort;
  }

  /** The NAPTR service field that names this transport (RFC 3263 section 4.1). */
  public String naptrService() {
    return naptrService;
  }

  /** The SRV owner-name prefix, e.g. {@code _sips._tcp.} (RFC 3263 section 4.2). */
  public String srvPrefix() {
    return srvPrefix;
  }

  /** 5060, or 5061 for TLS: the port when neither the target nor DNS gives one. */
  public int defaultPort() {
    return defaultPort;
  }

  /** The transport a NAPTR service field stands for, or null when it is none of ours. */
  static SipTransport ofNaptrService(String service) {
    for (SipTransport t : values()) {
      if (t.naptrService.equalsIgnoreCase(service)) {
        return t;
      }
    }
    return null;
  }
}
