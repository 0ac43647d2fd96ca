package io.trunkline.routing.media;

import io.trunkline.routing.service.call.MediaPeer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ng dictionaries of a B2BUA call. Each side of the relay is one rtpengine monologue named by a
 * fixed tag (the relay call is unique per attempt), the offerer's tag is {@code from-tag}. What the
 * receiving side of an offer speaks is forced with {@code transport-protocol}: RTP/AVP for plain
 * RTP (crypto and fingerprints stripped), RTP/SAVP with crypto lines (no DTLS) for SDES,
 * UDP/TLS/RTP/SAVP with a fingerprint (no crypto lines) for DTLS. ICE is removed (SIP trunks and
 * PBXs behind the relay need none) and the origin address rewritten, so neither side sees the
 * other's address anywhere in the SDP.
 */
final class NgCommands {

  private final List<String> sdesExcluded;

  NgCommands(List<String> sdesExcludedSuites) {
    List<String> flags = new ArrayList<>();
    for (String suite : sdesExcludedSuites) {
      if (!suite.isBlank()) {
        flags.add("no-" + suite.trim());
      }
    }
    this.sdesExcluded = List.copyOf(flags);
  }

  static Map<String, Object> ping() {
    return Map.of("command", "ping");
  }

  /** An offer from the side tagged {@code fromTag} for a receiver that speaks {@code to}. */
  Map<String, Object> offer(
      String callId, String fromTag, String toTag, byte[] sdp, MediaPeer from, MediaPeer to) {
    Map<String, Object> d = common("offer", callId, fromTag, toTag, sdp, from);
    switch (to.encryption()) {
      case NONE -> d.put("transport-protocol", "RTP/AVP");
      case SDES -> {
        d.put("transport-protocol", "RTP/SAVP");
        d.put("DTLS", "off");
        if (!sdesExcluded.isEmpty()) {
          d.put("SDES", sdesExcluded);
        }
      }
      case DTLS -> {
        d.put("transport-protocol", "UDP/TLS/RTP/SAVP");
        d.put("SDES", List.of("off"));
      }
    }
    return d;
  }

  /** The answer of the side tagged {@code toTag} to the offer of {@code fromTag}. */
  Map<String, Object> answer(
      String callId, String fromTag, String toTag, byte[] sdp, MediaPeer by) {
    return common("answer", callId, fromTag, toTag, sdp, by);
  }

  /** Deletes the whole relay call at once (no delete delay, no statistics in the reply). */
  static Map<String, Object> delete(String callId, String fromTag) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("command", "delete");
    d.put("call-id", callId);
    d.put("from-tag", fromTag);
    d.put("delete-delay", 0);
    d.put("flags", List.of("fast"));
    return d;
  }

  private static Map<String, Object> common(
      String command, String callId, String fromTag, String toTag, byte[] sdp, MediaPeer sender) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("command", command);
    d.put("call-id", callId);
    d.put("from-tag", fromTag);
    if (toTag != null) {
      d.put("to-tag", toTag);
    }
    d.put("sdp", sdp);
    d.put("ICE", "remove");
    d.put("replace", List.of("origin"));
    String source = sender.signallingAddress();
    if (source != null && !source.isEmpty()) {
      // where the side's signalling came from: rtpengine's hint for a peer behind NAT
      d.put("received-from", List.of(source.indexOf(':') >= 0 ? "IP6" : "IP4", source));
    }
    return d;
  }
}
