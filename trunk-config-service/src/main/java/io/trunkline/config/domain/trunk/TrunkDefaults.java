package io.trunkline.config.domain.trunk;

import io.trunkline.config.domain.provider.ProviderTemplate;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Fills in what a request leaves out: the request's value, else the provider template's, else the
 * service default. Text fields are trimmed and blanks become absent; lists are normalised (failover
 * codes sorted and de-duplicated, addresses trimmed). Checks nothing: {@link TrunkValidator} does.
 */
public final class TrunkDefaults {

  /** Default failover codes: a timeout (408) and every server failure (500–599). */
  public static final List<Integer> FAILOVER_CODES =
      IntStream.concat(IntStream.of(408), IntStream.rangeClosed(500, 599)).boxed().toList();

  static final int REGISTER_EXPIRES = 600;
  static final int OPTIONS_INTERVAL_SECONDS = 30;

  private TrunkDefaults() {}

  /** The trunk {@code in} describes once every absent field has its default. */
  public static TrunkSettings resolve(TrunkInput in, ProviderTemplate tpl) {
    String host = in.host != null ? in.host.trim() : tpl.defaultHost();
    Transport transport = first(in.transport, tpl.transport(), Transport.UDP);
    AuthMode authMode = first(in.authMode, tpl.authMode(), AuthMode.REGISTER);
    MediaMode media = first(in.media, MediaMode.PASS_THROUGH);
    String username = blankToNull(in.username);
    return new TrunkSettings(
        in.name,
        tpl.id(),
        first(in.enabled, true),
        host,
        port(in.port, transport, tpl),
        transport,
        blankToNull(in.outboundProxy),
        authMode,
        username,
        in.authUsername != null ? in.authUsername : username,
        blankToNull(in.realm),
        first(in.registerExpires, REGISTER_EXPIRES),
        in.fromDomain != null ? in.fromDomain.trim() : host,
        first(in.maxConcurrentCalls, 0),
        first(in.maxCallsPerSecond, 0),
        first(in.optionsPing, tpl.optionsPing(), authMode == AuthMode.IP),
        first(in.optionsIntervalSeconds, OPTIONS_INTERVAL_SECONDS),
        first(in.numberFormat, tpl.numberFormat(), NumberFormat.AS_DIALED),
        blankToNull(in.countryCode),
        blankToNull(in.techPrefix),
        List.copyOf(new TreeSet<>(failoverCodes(in))),
        blankToNull(in.callerId),
        blankToNull(in.didNumbers),
        associatedIps(in).stream().map(String::trim).toList(),
        media,
        mediaEncryption(in, media, tpl),
        first(in.tlsVerify, true));
  }

  /** The failover codes as sent (in request order, for error positions), else the default. */
  static List<Integer> failoverCodes(TrunkInput in) {
    return in.failoverCodes == null ? FAILOVER_CODES : in.failoverCodes;
  }

  /** The associated addresses as sent (untrimmed, for error positions), else none. */
  static List<String> associatedIps(TrunkInput in) {
    return in.associatedIps == null ? List.of() : in.associatedIps;
  }

  /** The template's port only when the transport is the template's; else the transport's own. */
  private static int port(Integer requested, Transport transport, ProviderTemplate tpl) {
    if (requested != null) {
      return requested;
    }
    if (tpl.port() != null && tpl.transport() == transport) {
      return tpl.port();
    }
    return transport == Transport.TLS ? 5061 : 5060;
  }

  /**
   * A template's SRTP (a provider that documents it) applies only when the trunk anchors its media:
   * only the relay can bridge SRTP to the PBX's RTP, and a template must never turn on a relay
   * nobody asked for.
   */
  private static MediaEncryption mediaEncryption(
      TrunkInput in, MediaMode media, ProviderTemplate tpl) {
    if (in.mediaEncryption != null) {
      return in.mediaEncryption;
    }
    return media == MediaMode.ANCHOR
        ? first(tpl.mediaEncryption(), MediaEncryption.NONE)
        : MediaEncryption.NONE;
  }

  @SafeVarargs
  private static <T> T first(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
