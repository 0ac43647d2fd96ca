package io.trunkline.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The temporary folders the test fixtures write to (broker logs, dnsmasq zones, CA files). */
final class TempFolders {

  private TempFolders() {}

  /** Deletes the folder and all below it; best effort, since it is a temporary folder. */
  static void delete(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // what is left is in the system's temporary folder
    }
  }
}
