package io.trunkline.config.domain.trunk;

/** Whether a trunk's calls relay their RTP through the media relay (rtpengine). */
public enum MediaMode {
  /** The SDP passes between PBX and provider unchanged: media flows directly between them. */
  PASS_THROUGH,
  /** Both sides see the media relay's address in the SDP; RTP flows through it. */
  ANCHOR
}
