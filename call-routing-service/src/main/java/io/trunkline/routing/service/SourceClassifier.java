package io.trunkline.routing.service;

/**
 * Tells PBXs and trunks from strangers by source IP, for the SIP edge: only a PBX may start a call,
 * and PBXs and trunks are exempt from the per-source request rate. Asked on the SIP event loop for
 * each new call and for each source the rate limiter starts tracking, so an implementation must be
 * quick, must not block (no DNS) and should not allocate.
 */
public interface SourceClassifier {

  /** The class of an IP literal; anything that is not one (or unknown) is UNKNOWN. */
  SourceClass classify(String ip);
}
