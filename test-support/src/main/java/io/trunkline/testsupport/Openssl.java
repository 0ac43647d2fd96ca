package io.trunkline.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code openssl} command line as {@link TestCa} uses it: each command runs in the CA's folder,
 * its output appended to {@code openssl.log} there, and a failure raised with that log so that a
 * broken certificate set-up names its cause in the test report.
 */
final class Openssl {

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final Path dir;

  Openssl(Path dir) {
    this.dir = dir;
  }

  /**
   * An EC P-256 private key (PKCS#8 PEM), the key every certificate gets unless it asks for RSA.
   */
  void ecKey(Path key) {
    run(
        "openssl",
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        key.toString());
  }

  /** An RSA 2048 private key written as PKCS#1 ("BEGIN RSA PRIVATE KEY"). */
  void rsaKey(Path key) {
    run("openssl", "genrsa", "-traditional", "-out", key.toString(), "2048");
  }

  /**
   * A self-signed certificate for {@code key} with this common name, valid for {@code days} from
   * now, with each of {@code extensions} (e.g. {@code "basicConstraints=critical,CA:TRUE"}) added.
   */
  void selfSigned(Path key, String commonName, int days, Path certificate, String... extensions) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "openssl",
                "req",
                "-x509",
                "-new",
                "-key",
                key.toString(),
                "-subj",
                "/CN=" + commonName,
                "-days",
                String.valueOf(days)));
    for (String extension : extensions) {
      command.add("-addext");
      command.add(extension);
    }
    command.add("-out");
    command.add(certificate.toString());
    run(command.toArray(String[]::new));
  }

  /**
   * Runs one command (its first word is {@code openssl}); fails with the log on a non-zero exit.
   */
  void run(String... command) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.redirectErrorStream(true);
    Path log = dir.resolve("openssl.log");
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      Process p = pb.start();
      if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("openssl did not finish: " + String.join(" ", command));
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            "openssl failed: " + String.join(" ", command) + "\n" + Files.readString(log));
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run openssl (Debian: apt-get install openssl; deploy/local/test.sh installs it)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
