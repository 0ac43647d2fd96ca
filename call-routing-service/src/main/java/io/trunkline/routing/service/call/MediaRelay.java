package io.trunkline.routing.service.call;

/**
 * The media relay (rtpengine) as the B2BUA sees it: one session per call attempt whose trunk
 * anchors media. The adapter chooses the relay instance at the first offer and fails over between
 * instances there; a session then stays on its instance.
 */
public interface MediaRelay {

  /**
   * A new, empty session; nothing is sent before its first offer.
   *
   * @param id unique per attempt among all calls the relay serves (it names the relay's call)
   */
  MediaSession open(String id, MediaPeer caller, MediaPeer callee);
}
