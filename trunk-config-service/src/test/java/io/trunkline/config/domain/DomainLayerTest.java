package io.trunkline.config.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The domain (trunks, rules, provider catalogue, validation, errors) must not know its adapters:
 * REST, gRPC, events, the database, the settings, the routing client or the use cases that
 * orchestrate them. Adapters import the domain, never the reverse, so the rules can be read and
 * changed without the plumbing around them.
 */
class DomainLayerTest {

  private static final Path DOMAIN = Path.of("src/main/java/io/trunkline/config/domain");
  private static final Pattern SERVICE_REFERENCE =
      Pattern.compile("io\\.trunkline\\.config\\.(\\w+)");

  @Test
  void theDomainReferencesNoOtherPackageOfTheService() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(DOMAIN)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(sources).hasSizeGreaterThan(20);
    List<String> violations = new ArrayList<>();
    for (Path source : sources) {
      Matcher m = SERVICE_REFERENCE.matcher(Files.readString(source));
      while (m.find()) {
        if (!m.group(1).equals("domain")) {
          violations.add(DOMAIN.relativize(source) + " -> " + m.group());
        }
      }
    }
    assertThat(violations).isEmpty();
  }
}
