package io.trunkline.routing.service.call;

import io.trunkline.routing.service.MediaEncryption;

/**
 * One side of an anchored call as the relay sees it: where its signalling came from (a hint for a
 * peer behind NAT, null when unknown) and what its media speaks (a PBX speaks plain RTP, a trunk
 * its mediaEncryption).
 */
public record MediaPeer(String signallingAddress, MediaEncryption encryption) {}
