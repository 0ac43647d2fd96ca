package io.trunkline.platform.deploy;

import io.trunkline.platform.crypto.SecretCipherException;
import io.trunkline.platform.crypto.SecretKeyring;
import io.trunkline.platform.crypto.SecretSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a production deployment must set explicitly, checked before a service takes traffic: a
 * service that silently falls back to a development default (no API key, no encryption key, PBX
 * sources nobody chose) is worse than one that does not start. Each check answers the problems
 * found, every one named by its setting and never showing a value; {@link #enforce} turns them into
 * one start-up failure.
 */
public final class ProductionSettings {

  /** {@code production} turns the checks on (the Kubernetes manifests set it). */
  public static final String DEPLOYMENT_SETTING = "trunkline.deployment";

  /** The value of {@value #DEPLOYMENT_SETTING} that turns the checks on. */
  public static final String PRODUCTION = "production";

  /**
   * PBX source lists that are no choice: the packaged loopback fallback (PBXs never share a pod's
   * loopback) and everything.
   */
  static final Set<String> NOT_A_CHOICE =
      Set.of("127.0.0.1/32", "127.0.0.0/8", "0.0.0.0/0", "::/0");

  private ProductionSettings() {}

  /** Whether the deployment setting asks for production checks. */
  public static boolean isProduction(Optional<String> deployment) {
    return deployment.map(String::trim).filter(PRODUCTION::equalsIgnoreCase).isPresent();
  }

  /** Problems of the API keys (every service): at least one non-blank key, none left blank. */
  public static List<String> apiKeys(Optional<List<String>> keys) {
    List<String> problems = new ArrayList<>();
    List<String> given = keys.orElse(List.of());
    if (given.stream().noneMatch(k -> !k.isBlank())) {
      problems.add("trunkline.api.keys (TRUNKLINE_API_KEYS) is not set");
    }
    return problems;
  }

  /** Problems of the encryption keys (every service): the key ring must build. */
  public static List<String> encryptionKeys(SecretSettings secrets) {
    try {
      SecretKeyring.create(secrets);
      return List.of();
    } catch (SecretCipherException e) {
      return List.of(e.getMessage());
    }
  }

  /**
   * Problems of call-routing's PBX sources: set, and neither the packaged loopback fallback nor the
   * whole address space.
   */
  public static List<String> pbxCidrs(String setting, Optional<List<String>> cidrs) {
    List<String> given =
        cidrs.orElse(List.of()).stream().map(String::trim).filter(c -> !c.isEmpty()).toList();
    if (given.isEmpty()) {
      return List.of(setting + " is not set: list the PBXs' source addresses");
    }
    List<String> problems = new ArrayList<>();
    for (String c : given) {
      if (NOT_A_CHOICE.contains(c)) {
        problems.add(setting + " contains " + c + ": list the PBXs' source addresses");
      }
    }
    return problems;
  }

  /**
   * Fails when production checks are on and there are problems.
   *
   * @throws IllegalStateException naming every problem
   */
  public static void enforce(boolean production, String service, List<String> problems) {
    if (production && !problems.isEmpty()) {
      throw new IllegalStateException(
          service
              + " refuses to start with "
              + DEPLOYMENT_SETTING
              + "="
              + PRODUCTION
              + ": "
              + String.join("; ", problems));
    }
  }
}
