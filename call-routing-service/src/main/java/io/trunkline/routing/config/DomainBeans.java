package io.trunkline.routing.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.trunkline.platform.crypto.AesGcmSecretCipher;
import io.trunkline.platform.crypto.SecretCipher;
import io.trunkline.platform.crypto.SecretKeyring;
import io.trunkline.platform.crypto.SecretSettings;
import io.trunkline.routing.service.CallRateCeiling;
import io.trunkline.routing.service.CidrAccess;
import io.trunkline.routing.service.OwnSipAddresses;
import io.trunkline.routing.service.StateStore;
import io.trunkline.routing.service.TrunkBreakers;
import io.trunkline.routing.service.TrunkUsage;
import io.trunkline.routing.service.call.AdmissionSettings;
import io.trunkline.routing.service.call.CallTimers;
import io.trunkline.routing.service.call.LoopGuard;
import io.trunkline.routing.service.inbound.ContactTokenCache;
import io.trunkline.routing.service.inbound.ContactTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Builds the routing domain's beans from {@link RoutingConfig}. The domain classes take plain
 * values (numbers, lists, a cipher), so they can be built in a unit test without configuration and
 * never depend on how settings are read; this is the one place that knows which key feeds which
 * value. The static producers are also what tests use that assemble a router by hand.
 */
@ApplicationScoped
public class DomainBeans {

  private Optional<SecretKeyring> keyRing;

  @Produces
  @ApplicationScoped
  StateStore stateStore(RoutingConfig config, ObjectMapper json, MeterRegistry meters) {
    return new StateStore(
        stateCipher(config),
        json,
        Counter.builder("trunk_secrets_refused")
            .description("Trunk records whose password does not decrypt for their trunk")
            .register(meters));
  }

  /** The loop guard with the configured cluster id (a random one when unset). */
  @Produces
  @ApplicationScoped
  public static LoopGuard newLoopGuard(RoutingConfig config) {
    return new LoopGuard(config.loop().clusterId().orElse(null), config.loop().marker());
  }

  /** The B2BUA's waits for a provisional answer, a final answer and the whole call. */
  @Produces
  @Singleton
  public static CallTimers newCallTimers(RoutingConfig config) {
    RoutingConfig.Routing r = config.routing();
    return new CallTimers(r.noProvisionalTimeout(), r.finalAnswerTimeout(), r.maxCallDuration());
  }

  /** Whether strangers are ignored or refused, and how many of their events are published. */
  @Produces
  @Singleton
  public static AdmissionSettings newAdmissionSettings(RoutingConfig config) {
    return new AdmissionSettings(
        config.sip().rejectUnknown() == RoutingConfig.RejectUnknown.DROP,
        config.routing().rejectedEventsPerSecond(),
        config.routing().publishEvents());
  }

  /**
   * The key ring of every key this node holds (old ones still decrypt after a rotation), built once
   * for the state store and the Contact tokens; empty without any key: the service still routes,
   * but trunks that need a password cannot answer digest challenges (production refuses to start
   * that way).
   */
  private synchronized Optional<SecretKeyring> keyRing(RoutingConfig config) {
    if (keyRing == null) {
      SecretSettings settings = config.secrets().settings();
      keyRing = settings.anyKey() ? Optional.of(SecretKeyring.create(settings)) : Optional.empty();
    }
    return keyRing;
  }

  private SecretCipher stateCipher(RoutingConfig config) {
    return keyRing(config)
        .<SecretCipher>map(ring -> ring)
        .orElse(AesGcmSecretCipher.unconfigured());
  }

  /**
   * Contact tokens checked against every key of the ring, each trunk's computed once (none without
   * a key).
   */
  @Produces
  @ApplicationScoped
  ContactTokens contactTokens(RoutingConfig config) {
    return keyRing(config)
        .<ContactTokens>map(ring -> new ContactTokenCache(ring::contactTokens))
        .orElse(ContactTokens.NONE);
  }

  /** Trunk usage with the service-wide per-trunk ceiling of new calls per second. */
  @Produces
  @ApplicationScoped
  public static TrunkUsage newTrunkUsage(RoutingConfig config) {
    return new TrunkUsage(System::currentTimeMillis, config.overload().maxCallsPerSecondPerTrunk());
  }

  /** The per-trunk circuit breakers; the window is counted in whole seconds, at least one. */
  @Produces
  @ApplicationScoped
  public static TrunkBreakers newTrunkBreakers(RoutingConfig config) {
    RoutingConfig.Breaker b = config.breaker();
    return new TrunkBreakers(
        b.failures(),
        b.failureRatio(),
        (int) Math.max(1, b.window().toSeconds()),
        b.openFor().toMillis(),
        System::currentTimeMillis);
  }

  /** The service-wide ceiling; its Retry-After is in whole seconds, at least one. */
  @Produces
  @ApplicationScoped
  public static CallRateCeiling newCallRateCeiling(RoutingConfig config) {
    return new CallRateCeiling(
        config.overload().maxCallsPerSecond(),
        (int) Math.max(1, config.overload().retryAfter().toSeconds()),
        System::currentTimeMillis);
  }

  /** The PBX sources allowed to send INVITEs. */
  @Produces
  @ApplicationScoped
  public static CidrAccess newPbxCidrs(RoutingConfig config) {
    return new CidrAccess(config.routing().pbxCidrs());
  }

  /**
   * The configured own addresses plus the bind address when its port is fixed (a port of 0 is only
   * known once the stack listens, and the SIP adapter adds it then).
   */
  @Produces
  @ApplicationScoped
  public static OwnSipAddresses newOwnSipAddresses(RoutingConfig config) {
    OwnSipAddresses own = new OwnSipAddresses(config.loop().ownSipAddresses().orElse(List.of()));
    if (config.sip().port() > 0) {
      own.bound(config.sip().host(), config.sip().port());
    }
    return own;
  }
}
