package io.trunkline.routing.service;

/** What the trunk side of an anchored call's media speaks (trunk.config.v1 mediaEncryption). */
public enum MediaEncryption {
  /** Plain RTP (RTP/AVP). */
  NONE,
  /** SRTP keyed by SDP crypto lines (RTP/SAVP). */
  SDES,
  /** SRTP keyed by a DTLS handshake (UDP/TLS/RTP/SAVP). */
  DTLS;

  /** The topic's value; absent or unknown (a newer producer) is plain RTP. */
  public static MediaEncryption of(String value) {
    if (value != null) {
      for (MediaEncryption e : values()) {
        if (e.name().equals(value)) {
          return e;
        }
      }
    }
    return NONE;
  }
}
