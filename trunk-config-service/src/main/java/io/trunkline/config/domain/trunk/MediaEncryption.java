package io.trunkline.config.domain.trunk;

/** What the trunk side of an anchored call's media speaks (the PBX side always speaks RTP). */
public enum MediaEncryption {
  /** Plain RTP (RTP/AVP). */
  NONE,
  /** SRTP keyed through SDP crypto lines (RTP/SAVP, RFC 4568). */
  SDES,
  /** SRTP keyed by a DTLS handshake on the media path (UDP/TLS/RTP/SAVP, RFC 5764). */
  DTLS
}
