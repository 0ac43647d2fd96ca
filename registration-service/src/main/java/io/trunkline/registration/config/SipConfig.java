package io.trunkline.registration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The SIP user agent of this service: UDP and TCP on one port (5070 by default, next to
 * call-routing's 5060 on the same host); TLS is set by the shared {@code trunkline.sip.tls.*}.
 */
@ConfigMapping(prefix = "trunkline.sip")
public interface SipConfig {

  /** Address the UDP/TCP/TLS listening points bind to and that Via headers carry. */
  String host();

  /** Port of the UDP and TCP listening points. */
  int port();

  /** JAIN-SIP stack name; must be unique per JVM. */
  @WithDefault("trunkline-registration")
  String stackName();

  /** RFC 3261 timer T1 for our client transactions; the transaction timeout (Timer F) is 64*T1. */
  @WithDefault("500ms")
  Duration t1();

  /**
   * How long a UDP transaction that got its final answer stays to swallow repeated copies of that
   * answer (RFC 3261's Timer K, T4 = 5 s there); at least 2·T1. Shorter than T4: in a burst of
   * thousands of REGISTERs the lingering transactions held most of the heap.
   */
  @WithDefault("1s")
  Duration transactionLinger();

  /** User part of From in OPTIONS probes. */
  @WithDefault("trunkline")
  String optionsFromUser();

  /**
   * Largest SIP message accepted, in bytes. JAIN-SIP reads every datagram into a buffer this large,
   * so it is kept near what REGISTER and OPTIONS answers need.
   */
  @WithDefault("16384")
  int maxMessageSize();

  /** UDP receive buffer (SO_RCVBUF) of the SIP socket, in bytes: bursts wait there, not dropped. */
  @WithDefault("1048576")
  int udpReceiveBuffer();

  /**
   * Received datagrams waiting for a JAIN-SIP worker thread at most; beyond it they are dropped.
   */
  @WithDefault("1000")
  int udpQueue();

  /**
   * Inbound TCP/TLS connections served at once (JAIN-SIP gives each a thread); further ones wait in
   * the kernel's backlog. This service needs none: its answers come on its own connections.
   */
  @WithDefault("64")
  int maxConnections();

  /** Bytes of one message over TCP/TLS must all arrive within this time of its first byte. */
  @WithDefault("5s")
  Duration readTimeout();

  /** Requests per second one source IP may send (providers probe with OPTIONS now and then). */
  @WithDefault("20")
  int ratePerSource();

  /** How long a source over that rate gets no answer at all. */
  @WithDefault("60s")
  Duration banTime();
}
