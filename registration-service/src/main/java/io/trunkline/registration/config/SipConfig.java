package io.trunkline.registration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The SIP user agent of this service (DESIGN.md 1: UDP and TCP on 5070). */
@ConfigMapping(prefix = "trunkline.sip")
public interface SipConfig {

  /** Address the UDP/TCP/TLS listening points bind to and that Via headers carry. */
  String host();

  /** Port of the UDP and TCP listening points. */
  int port();

  /** Port of the TLS listening point; TLS is only opened when this is set. */
  Optional<Integer> tlsPort();

  /** JAIN-SIP stack name; must be unique per JVM. */
  @WithDefault("trunkline-registration")
  String stackName();

  /** RFC 3261 timer T1 for our client transactions; the transaction timeout (Timer F) is 64*T1. */
  @WithDefault("500ms")
  Duration t1();

  /** User part of From in OPTIONS probes. */
  @WithDefault("trunkline")
  String optionsFromUser();
}
