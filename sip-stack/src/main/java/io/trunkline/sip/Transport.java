package io.trunkline.sip;

/** Transport protocols the stack speaks. */
public enum Transport {
  UDP,
  TCP,
  TLS;

  /** UDP, TCP or TLS by name (case-insensitive), else the default. */
  public static Transport of(String name, Transport dflt) {
    if (name != null) {
      for (Transport t : values()) {
        if (t.name().equalsIgnoreCase(name)) {
          return t;
        }
      }
    }
    return dflt;
  }

  /** The port a URI without one means: 5061 for TLS, else 5060 (RFC 3261 19.1.2). */
  public int defaultPort() {
    return this == TLS ? 5061 : 5060;
  }

  boolean reliable() {
    return this != UDP;
  }
}
