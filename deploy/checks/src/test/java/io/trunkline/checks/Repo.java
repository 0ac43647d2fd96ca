package io.trunkline.checks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Paths of the repository and the tools the checks run (kubectl). */
final class Repo {

  static final Path ROOT = findRoot();

  private Repo() {}

  private static Path findRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("k8s")) && Files.exists(dir.resolve("mvnw"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("repository root (with k8s/ and mvnw) not found");
  }

  static Path path(String relative) {
    return ROOT.resolve(relative);
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A service's src/main/resources/application.properties (default profile keys only). */
  static Properties applicationProperties(String service) {
    Properties props = new Properties();
    try (InputStream in =
        Files.newInputStream(path(service + "/src/main/resources/application.properties"))) {
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return props;
  }

  /**
   * A key's default-profile value; an expression {@code ${ENV_VAR:default}} gives its default (the
   * pod sets the variable itself, checked separately). Empty when the key is absent.
   */
  static Optional<String> configured(Properties props, String key) {
    String v = props.getProperty(key);
    if (v == null) {
      return Optional.empty();
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\$\\{[A-Za-z0-9_.]+(?::([^}]*))?}").matcher(v.trim());
    return Optional.of(m.matches() ? (m.group(1) == null ? "" : m.group(1)) : v.trim());
  }

  /** {@code kubectl kustomize dir}: the rendered multi-document YAML. */
  static String kustomize(Path dir) throws IOException, InterruptedException {
    Process p;
    try {
      p =
          new ProcessBuilder("kubectl", "kustomize", dir.toString())
              .redirectErrorStream(false)
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("kubectl (with kustomize) must be on the PATH", e);
    }
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(
          "kubectl kustomize " + dir + " failed: " + new String(err, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
