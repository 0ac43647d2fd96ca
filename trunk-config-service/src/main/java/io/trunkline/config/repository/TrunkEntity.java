package io.trunkline.config.repository;

import io.trunkline.config.domain.trunk.AuthMode;
import io.trunkline.config.domain.trunk.MediaEncryption;
import io.trunkline.config.domain.trunk.MediaMode;
import io.trunkline.config.domain.trunk.NumberFormat;
import io.trunkline.config.domain.trunk.Transport;
import io.trunkline.config.domain.trunk.TrunkSettings;
import io.trunkline.config.domain.trunk.TrunkView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.annotations.OptimisticLock;

/** A stored trunk; lists are kept as comma-separated text (see V1 migration). */
@Entity
@Table(name = "trunk")
public class TrunkEntity extends VersionedRow {

  public String name;
  public String provider;
  public boolean enabled;
  public String host;
  public int port;

  @Enumerated(EnumType.STRING)
  public Transport transport;

  @Column(name = "outbound_proxy")
  public String outboundProxy;

  @Enumerated(EnumType.STRING)
  @Column(name = "auth_mode")
  public AuthMode authMode;

  public String username;

  @Column(name = "auth_username")
  public String authUsername;

  /**
   * AES-256-GCM token with key id, bound to this trunk's id (docs/contract.md); the plain password
   * is never stored. Not part of the optimistic lock: binding a new trunk's token to its id, or
   * re-encrypting it under a new key, is not a change of the trunk and keeps its version.
   */
  @OptimisticLock(excluded = true)
  @Column(name = "password_encrypted")
  public String passwordEncrypted;

  public String realm;

  @Column(name = "register_expires")
  public int registerExpires;

  @Column(name = "from_domain")
  public String fromDomain;

  @Column(name = "max_concurrent_calls")
  public int maxConcurrentCalls;

  @Column(name = "max_calls_per_second")
  public int maxCallsPerSecond;

  @Column(name = "options_ping")
  public boolean optionsPing;

  @Column(name = "options_interval_seconds")
  public int optionsIntervalSeconds;

  @Enumerated(EnumType.STRING)
  @Column(name = "number_format")
  public NumberFormat numberFormat;

  @Column(name = "country_code")
  public String countryCode;

  @Column(name = "tech_prefix")
  public String techPrefix;

  /** Comma-separated SIP codes. */
  @Column(name = "failover_codes")
  public String failoverCodes;

  @Column(name = "caller_id")
  public String callerId;

  @Column(name = "did_numbers")
  public String didNumbers;

  /** Comma-separated CIDRs. */
  @Column(name = "associated_ips")
  public String associatedIps;

  /** Whether calls relay their RTP through rtpengine (V2 migration). */
  @Enumerated(EnumType.STRING)
  public MediaMode media;

  /** What the trunk side of anchored media speaks. */
  @Enumerated(EnumType.STRING)
  @Column(name = "media_encryption")
  public MediaEncryption mediaEncryption;

  /** TLS: whether the provider's certificate is checked (V5 migration). */
  @Column(name = "tls_verify")
  public boolean tlsVerify = true;

  /**
   * Copies a validated trunk in. {@code newPasswordEncrypted}: the ciphertext of the password the
   * request sent, or null to keep the stored one; a trunk without credentials keeps none.
   */
  public void apply(TrunkSettings t, String newPasswordEncrypted) {
    name = t.name();
    provider = t.provider();
    enabled = t.enabled();
    host = t.host();
    port = t.port();
    transport = t.transport();
    outboundProxy = t.outboundProxy();
    authMode = t.authMode();
    username = t.username();
    authUsername = t.authUsername();
    if (!t.usesCredentials()) {
      passwordEncrypted = null;
    } else if (newPasswordEncrypted != null) {
      passwordEncrypted = newPasswordEncrypted;
    }
    realm = t.realm();
    registerExpires = t.registerExpires();
    fromDomain = t.fromDomain();
    maxConcurrentCalls = t.maxConcurrentCalls();
    maxCallsPerSecond = t.maxCallsPerSecond();
    optionsPing = t.optionsPing();
    optionsIntervalSeconds = t.optionsIntervalSeconds();
    numberFormat = t.numberFormat();
    countryCode = t.countryCode();
    techPrefix = t.techPrefix();
    failoverCodes =
        t.failoverCodes().stream().map(String::valueOf).collect(Collectors.joining(","));
    callerId = t.callerId();
    didNumbers = t.didNumbers();
    associatedIps = String.join(",", t.associatedIps());
    media = t.media();
    mediaEncryption = t.mediaEncryption();
    tlsVerify = t.tlsVerify();
  }

  /** The trunk as the API and the events show it: everything but the password. */
  public TrunkView toView() {
    TrunkSettings settings =
        new TrunkSettings(
            name,
            provider,
            enabled,
            host,
            port,
            transport,
            outboundProxy,
            authMode,
            username,
            authUsername,
            realm,
            registerExpires,
            fromDomain,
            maxConcurrentCalls,
            maxCallsPerSecond,
            optionsPing,
            optionsIntervalSeconds,
            numberFormat,
            countryCode,
            techPrefix,
            failoverCodeList(),
            callerId,
            didNumbers,
            associatedIpList(),
            media,
            mediaEncryption,
            tlsVerify);
    return new TrunkView(id, settings, passwordEncrypted != null, version, createdAt, updatedAt);
  }

  private List<Integer> failoverCodeList() {
    List<Integer> out = new ArrayList<>();
    for (String s : failoverCodes.split(",")) {
      if (!s.isEmpty()) {
        out.add(Integer.valueOf(s));
      }
    }
    return out;
  }

  private List<String> associatedIpList() {
    return associatedIps == null || associatedIps.isEmpty()
        ? List.of()
        : List.of(associatedIps.split(","));
  }
}
