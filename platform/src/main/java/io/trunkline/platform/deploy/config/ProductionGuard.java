package io.trunkline.platform.deploy.config;

import io.quarkus.runtime.StartupEvent;
import io.trunkline.platform.crypto.SecretSettings;
import io.trunkline.platform.deploy.ProductionSettings;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Runs the checks every service shares (API keys, encryption keys) at start-up, before anything
 * else observes the start: with {@code trunkline.deployment=production} a missing setting stops the
 * service. A service adds its own checks through {@link #extraProblems} (a CDI bean).
 */
@ApplicationScoped
public class ProductionGuard {

  /** A service's own production checks (call-routing: its PBX sources). */
  public interface ServiceChecks {
    List<String> problems();
  }

  private final Config config;
  private final jakarta.enterprise.inject.Instance<ServiceChecks> extraProblems;

  public ProductionGuard(
      Config config, jakarta.enterprise.inject.Instance<ServiceChecks> extraProblems) {
    this.config = config;
    this.extraProblems = extraProblems;
  }

  void check(@Observes @Priority(1) StartupEvent event) {
    boolean production =
        ProductionSettings.isProduction(
            config.getOptionalValue(ProductionSettings.DEPLOYMENT_SETTING, String.class));
    if (!production) {
      return;
    }
    List<String> problems = new ArrayList<>();
    problems.addAll(ProductionSettings.apiKeys(list("trunkline.api.keys")));
    problems.addAll(
        ProductionSettings.encryptionKeys(
            new SecretSettings(
                config.getOptionalValue("trunkline.secrets.encryption-key", String.class),
                list("trunkline.secrets.keys"),
                config.getOptionalValue("trunkline.secrets.current-key-id", String.class),
                config
                    .getOptionalValue("trunkline.secrets.accept-unbound-tokens", Boolean.class)
                    .orElse(true))));
    extraProblems.forEach(c -> problems.addAll(c.problems()));
    ProductionSettings.enforce(
        true,
        config.getOptionalValue("quarkus.application.name", String.class).orElse("the service"),
        problems);
  }

  private Optional<List<String>> list(String name) {
    return config.getOptionalValues(name, String.class);
  }
}
