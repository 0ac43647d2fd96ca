package io.trunkline.routing.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The media relay (rtpengine) that trunks with {@code media: ANCHOR} use. */
@ConfigMapping(prefix = "trunkline.media")
public interface MediaConfig {

  /**
   * rtpengine ng control addresses ({@code host:port}, UDP). A host name that resolves to several
   * addresses (a headless Service over a DaemonSet) gives one instance per address; names are
   * resolved again at each health check. New calls go round-robin over the instances that answer
   * pings; a call stays on the instance that took its first offer. Unset: anchored calls get 503.
   */
  Optional<List<String>> instances();

  /** Time after which an unanswered ng command is sent again (same cookie). */
  @WithDefault("200ms")
  Duration retransmitInterval();

  /** Time after which an instance that has not answered a command counts as down for it. */
  @WithDefault("1s")
  Duration timeout();

  /** Interval of the ng {@code ping} health check of every instance. */
  @WithDefault("5s")
  Duration pingInterval();

  /**
   * SDES crypto suites left out of offers to SDES trunks (rtpengine offers a dozen by default);
   * what remains are the two suites every SRTP peer implements (RFC 4568, RFC 3711).
   */
  @WithDefault(
      "AEAD_AES_256_GCM,AEAD_AES_128_GCM,AES_256_CM_HMAC_SHA1_80,AES_256_CM_HMAC_SHA1_32,"
          + "AES_192_CM_HMAC_SHA1_80,AES_192_CM_HMAC_SHA1_32,F8_128_HMAC_SHA1_80,"
          + "F8_128_HMAC_SHA1_32,NULL_HMAC_SHA1_80,NULL_HMAC_SHA1_32")
  List<String> sdesExcludedSuites();

  /** Longest the service waits at shutdown for the deletes of the sessions still open. */
  @WithDefault("2s")
  Duration shutdownGrace();
}
