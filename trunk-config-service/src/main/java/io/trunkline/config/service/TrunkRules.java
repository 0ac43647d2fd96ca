package io.trunkline.config.service;

import io.trunkline.config.repository.TrunkEntity;
import io.trunkline.platform.crypto.SecretCipher;
import io.trunkline.platform.crypto.TrunkSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Turns a {@link TrunkInput} into a complete trunk: request value, else the provider template's
 * default, else DESIGN.md 3's default; then checks every field. Writes into the entity only when
 * every field is valid, so nothing half-applied can ever be flushed.
 */
@ApplicationScoped
public class TrunkRules {

  /** Default failover codes: 408 and 500–599. */
  public static final List<Integer> DEFAULT_FAILOVER =
      IntStream.concat(IntStream.of(408), IntStream.rangeClosed(500, 599)).boxed().toList();

  private static final Pattern SIP_USER = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=%-]{1,64}");
  private static final Pattern COUNTRY = Pattern.compile("[1-9][0-9]{0,3}");
  private static final Pattern TECH_PREFIX = Pattern.compile("[0-9*#]{0,16}");
  private static final Pattern CALLER_ID = Pattern.compile("\\+?[0-9]{1,20}");

  private final ProviderTemplates templates;

  /** The placeholder of a new trunk's password until {@link #sealPassword} runs. */
  private static final String UNSEALED = "unsealed:";

  private final SecretCipher cipher;
  private final OwnSipAddresses ownAddresses;

  public TrunkRules(
      ProviderTemplates templates, SecretCipher cipher, OwnSipAddresses ownAddresses) {
    this.templates = templates;
    this.cipher = cipher;
    this.ownAddresses = ownAddresses;
  }

  /**
   * Validates {@code in} (with the errors the JSON reading already found) and applies it to {@code
   * target}. {@code target.passwordEncrypted} is kept when the input has no password.
   *
   * @throws InvalidRequestException listing every bad field
   */
  /**
   * Encrypts the password of a trunk just inserted (its id now exists), bound to that id. Nothing
   * outside the transaction ever sees {@link #UNSEALED}: the same transaction replaces it.
   */
  public void sealPassword(TrunkInput in, TrunkEntity inserted) {
    if (UNSEALED.equals(inserted.passwordEncrypted)) {
      inserted.passwordEncrypted =
          cipher.encrypt(in.password, TrunkSecrets.binding(inserted.id.toString()));
    }
  }

  public void apply(TrunkInput in, TrunkEntity target, FieldErrors errors) {
    String provider = in.provider == null ? ProviderTemplates.GENERIC : in.provider;
    ProviderTemplate tpl = templates.find(provider).orElse(null);
    if (tpl == null) {
      errors.add("provider", "unknown provider template (see GET /api/v1/providers)");
      tpl = templates.generic();
    }
    if (in.name == null) {
      errors.add("name", "is required");
    } else if (!Syntax.isName(in.name)) {
      errors.add("name", "must be 1-64 characters of A-Z a-z 0-9 . _ -");
    }
    String host = in.host != null ? in.host.trim() : tpl.defaultHost();
    if (host == null || host.isEmpty()) {
      errors.add("host", "is required");
    } else if (!Syntax.isHost(host)) {
      errors.add("host", "must be a host name or an IP address");
    }
    Transport transport = first(in.transport, tpl.transport(), Transport.UDP);
    Integer port = in.port;
    if (port == null) {
      port =
          tpl.port() != null && tpl.transport() == transport
              ? tpl.port()
              : transport == Transport.TLS ? 5061 : 5060;
    }
    range(errors, "port", port, 1, 65535);
    if (in.outboundProxy != null && !Syntax.isHostPort(in.outboundProxy)) {
      errors.add("outboundProxy", "must be host or host:port");
    }
    refuseLoops(errors, host, port, in.outboundProxy);
    AuthMode authMode = first(in.authMode, tpl.authMode(), AuthMode.REGISTER);
    boolean credentials = authMode != AuthMode.IP;
    checkUser(errors, "username", in.username, credentials);
    checkUser(errors, "authUsername", in.authUsername, false);
    if (in.password != null && (in.password.isEmpty() || in.password.length() > 128)) {
      errors.add("password", "must be 1-128 characters");
    } else if (in.password != null && in.password.chars().anyMatch(Character::isISOControl)) {
      errors.add("password", "must not contain control characters");
    } else if (credentials && in.password == null && target.passwordEncrypted == null) {
      errors.add("password", "is required for authMode " + authMode);
    }
    if (in.realm != null
        && (in.realm.isBlank() || in.realm.length() > 128 || in.realm.contains("\""))) {
      errors.add("realm", "must be 1-128 characters without quotes");
    }
    int expires = first(in.registerExpires, 600);
    range(errors, "registerExpires", expires, 60, 86400);
    String fromDomain = in.fromDomain != null ? in.fromDomain.trim() : host;
    if (in.fromDomain != null && !Syntax.isHost(fromDomain)) {
      errors.add("fromDomain", "must be a host name or an IP address");
    }
    int maxCalls = first(in.maxConcurrentCalls, 0);
    range(errors, "maxConcurrentCalls", maxCalls, 0, Integer.MAX_VALUE);
    int maxCps = first(in.maxCallsPerSecond, 0);
    range(errors, "maxCallsPerSecond", maxCps, 0, Integer.MAX_VALUE);
    boolean ping = first(in.optionsPing, tpl.optionsPing(), authMode == AuthMode.IP);
    int interval = first(in.optionsIntervalSeconds, 30);
    range(errors, "optionsIntervalSeconds", interval, 5, 3600);
    NumberFormat format = first(in.numberFormat, tpl.numberFormat(), NumberFormat.AS_DIALED);
    String country = blankToNull(in.countryCode);
    if (country != null && !COUNTRY.matcher(country).matches()) {
      errors.add("countryCode", "must be 1-4 digits, not starting with 0");
    }
    String techPrefix = blankToNull(in.techPrefix);
    if (techPrefix != null && !TECH_PREFIX.matcher(techPrefix).matches()) {
      errors.add("techPrefix", "must be up to 16 of 0-9 * #");
    } else if (techPrefix == null && tpl.techPrefixRequired()) {
      errors.add("techPrefix", "is required by provider " + tpl.id());
    }
    List<Integer> failover = in.failoverCodes == null ? DEFAULT_FAILOVER : in.failoverCodes;
    for (int i = 0; i < failover.size(); i++) {
      if (failover.get(i) < 300 || failover.get(i) > 699) {
        errors.add("failoverCodes[" + i + "]", "must be a SIP final code 300-699");
      }
    }
    String callerId = blankToNull(in.callerId);
    if (callerId != null && !CALLER_ID.matcher(callerId).matches()) {
      errors.add("callerId", "must be digits with an optional leading +");
    }
    String dids = blankToNull(in.didNumbers);
    String didProblem = dids == null ? null : Syntax.checkPortSipList(dids);
    if (didProblem != null) {
      errors.add("didNumbers", didProblem);
    } else if (dids != null && callerId != null && !NumberList.contains(dids, callerId)) {
      errors.add("callerId", "must lie inside didNumbers");
    }
    List<String> ips = in.associatedIps == null ? List.of() : in.associatedIps;
    for (int i = 0; i < ips.size(); i++) {
      if (!Syntax.isCidr(ips.get(i).trim())) {
        errors.add("associatedIps[" + i + "]", "must be an IP address or a CIDR block");
      }
    }
    MediaMode media = first(in.media, MediaMode.PASS_THROUGH);
    MediaEncryption encryption = mediaEncryption(in, media, tpl, errors);
    errors.throwIfAny();

    target.name = in.name;
    target.provider = tpl.id();
    target.enabled = first(in.enabled, true);
    target.host = host;
    target.port = port;
    target.transport = transport;
    target.outboundProxy = blankToNull(in.outboundProxy);
    target.authMode = authMode;
    target.username = blankToNull(in.username);
    target.authUsername = in.authUsername != null ? in.authUsername : target.username;
    if (!credentials) {
      target.passwordEncrypted = null;
    } else if (in.password != null) {
      // A new trunk has no id yet: sealPassword binds the token once the id exists.
      target.passwordEncrypted =
          target.id == null
              ? UNSEALED
              : cipher.encrypt(in.password, TrunkSecrets.binding(target.id.toString()));
    }
    target.realm = blankToNull(in.realm);
    target.registerExpires = expires;
    target.fromDomain = fromDomain;
    target.maxConcurrentCalls = maxCalls;
    target.maxCallsPerSecond = maxCps;
    target.optionsPing = ping;
    target.optionsIntervalSeconds = interval;
    target.numberFormat = format;
    target.countryCode = country;
    target.techPrefix = techPrefix;
    target.failoverCodes =
        new TreeSet<>(failover).stream().map(String::valueOf).collect(Collectors.joining(","));
    target.callerId = callerId;
    target.didNumbers = dids;
    target.associatedIps = ips.stream().map(String::trim).collect(Collectors.joining(","));
    target.media = media;
    target.mediaEncryption = encryption;
  }

  /**
   * SRTP needs the relay: only an anchored call has something that bridges the PBX's RTP and the
   * provider's SRTP. A template's encryption (a provider that documents SRTP) applies only when the
   * trunk anchors, so that a template never turns on a relay nobody asked for.
   */
  private static MediaEncryption mediaEncryption(
      TrunkInput in, MediaMode media, ProviderTemplate tpl, FieldErrors errors) {
    if (in.mediaEncryption != null) {
      if (in.mediaEncryption != MediaEncryption.NONE && media != MediaMode.ANCHOR) {
        errors.add("mediaEncryption", "needs media ANCHOR (SRTP is bridged by the media relay)");
      }
      return in.mediaEncryption;
    }
    return media == MediaMode.ANCHOR
        ? first(tpl.mediaEncryption(), MediaEncryption.NONE)
        : MediaEncryption.NONE;
  }

  /** A trunk pointing at call-routing itself would route each of its calls back in, forever. */
  private void refuseLoops(FieldErrors errors, String host, int port, String outboundProxy) {
    if (host != null && !errors.has("host") && ownAddresses.isOwn(host, port)) {
      errors.add(
          "host",
          host
              + ":"
              + port
              + " is call-routing's own SIP address: calls to this trunk would loop back into it");
    }
    if (outboundProxy != null
        && !errors.has("outboundProxy")
        && ownAddresses.isOwnHostPort(outboundProxy)) {
      errors.add(
          "outboundProxy",
          "is call-routing's own SIP address: calls to this trunk would loop back into it");
    }
  }

  private static void checkUser(FieldErrors errors, String field, String v, boolean required) {
    if (v == null || v.isBlank()) {
      if (required) {
        errors.add(field, "is required for REGISTER and DIGEST trunks");
      } else if (v != null) {
        errors.add(field, "must not be blank");
      }
    } else if (!SIP_USER.matcher(v).matches()) {
      errors.add(field, "must be 1-64 SIP user characters (no spaces, '@' or ':')");
    }
  }

  private static void range(FieldErrors errors, String field, int v, int min, int max) {
    if (v < min || v > max) {
      errors.add(
          field,
          max == Integer.MAX_VALUE
              ? "must be " + min + " or more"
              : "must be between " + min + " and " + max);
    }
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

  /** Splits the stored comma-separated failover codes. */
  public static List<Integer> failoverCodes(TrunkEntity t) {
    List<Integer> out = new ArrayList<>();
    for (String s : t.failoverCodes.split(",")) {
      if (!s.isEmpty()) {
        out.add(Integer.valueOf(s));
      }
    }
    return out;
  }

  /** Splits the stored comma-separated CIDRs. */
  public static List<String> associatedIps(TrunkEntity t) {
    return t.associatedIps == null || t.associatedIps.isEmpty()
        ? List.of()
        : List.of(t.associatedIps.split(","));
  }
}
