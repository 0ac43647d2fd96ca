package io.trunkline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sources of a service's inner layer (its domain) and every reference they make to the
 * service's other packages. A domain that names none of them does not know its adapters (REST,
 * gRPC, events, SIP, the database, the settings): adapters import the domain, never the reverse.
 * Each service's layer test asserts that the list is empty.
 */
public final class InwardLayer {

  private final Path folder;
  private final String layer;
  private final Pattern serviceReference;

  /**
   * @param servicePackage the service's root package, e.g. {@code io.trunkline.config}
   * @param layer the inner layer's package under it, e.g. {@code domain}
   */
  public InwardLayer(String servicePackage, String layer) {
    this.folder = Path.of("src/main/java", (servicePackage + "." + layer).split("\\."));
    this.layer = layer;
    this.serviceReference = Pattern.compile(Pattern.quote(servicePackage) + "\\.(\\w+)");
  }

  /** The layer's source files (a test checks there are some: an empty walk proves nothing). */
  public List<Path> sources() {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every reference from the layer to another package of the service: "file -> reference". */
  public List<String> outwardReferences() {
    List<String> found = new ArrayList<>();
    for (Path source : sources()) {
      Matcher m = serviceReference.matcher(read(source));
      while (m.find()) {
        if (!m.group(1).equals(layer)) {
          found.add(folder.relativize(source) + " -> " + m.group());
        }
      }
    }
    return found;
  }

  private static String read(Path source) {
    try {
      return Files.readString(source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
