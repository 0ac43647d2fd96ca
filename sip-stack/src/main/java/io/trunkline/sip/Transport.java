package io.trunkline.sip;

/** Transport protocols the stack speaks. */
public enum Transport {
  UDP,
  TCP;

  /** UDP or TCP by name (case-insensitive), else the default. */
  public static Transport of(String name, Transport dflt) {
    if (name != null) {
      if (name.equalsIgnoreCase("udp")) {
        return UDP;
      }
      if (name.equalsIgnoreCase("tcp")) {
        return TCP;
      }
    }
    return dflt;
  }

  boolean reliable() {
    return this == TCP;
  }
}
