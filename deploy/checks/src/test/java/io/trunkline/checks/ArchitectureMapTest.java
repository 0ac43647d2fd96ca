package io.trunkline.checks;

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
 * docs/architecture.md's "Where is what" table answers in one hop only while every file it names
 * exists: a class renamed or moved without the table following would send a reader nowhere. A row
 * names a module once ({@code call-routing-service/.../service/call/CallSession.java}); the paths
 * after it in the same row ({@code service/Trunk.java}) are in that module's sources.
 */
class ArchitectureMapTest {

  private static final Pattern PATH =
      Pattern.compile("`((?:[a-z0-9-]+/)?(?:\\.\\.\\./)?[A-Za-z0-9_./-]+\\.(?:java|sh|sql|json))`");

  @Test
  void everyFileTheMapNamesExists() throws IOException {
    String architecture = Repo.read(Repo.path("docs/architecture.md"));
    String table = architecture.split("## Where is what")[1].split("\n## ")[0];
    List<String> rows = table.lines().filter(l -> l.startsWith("| ") && l.contains("`")).toList();
    assertThat(rows).as("rows of the where-is-what table").hasSizeGreaterThan(10);
    List<String> missing = new ArrayList<>();
    int named = 0;
    for (String row : rows) {
      String module = null;
      Matcher m = PATH.matcher(row);
      while (m.find()) {
        String ref = m.group(1);
        int dots = ref.indexOf("/.../");
        String tail = ref;
        if (dots > 0) {
          module = ref.substring(0, dots);
          tail = ref.substring(dots + 5);
        } else if (Files.exists(Repo.path(ref))) {
          named++;
          continue;
        }
        named++;
        if (module == null || !existsUnder(Repo.path(module), tail)) {
          missing.add(ref + " (row: " + row.substring(0, Math.min(60, row.length())) + "...)");
        }
      }
    }
    assertThat(named).as("files the table names").isGreaterThan(20);
    assertThat(missing).as("files named by the where-is-what table that do not exist").isEmpty();
  }

  private static boolean existsUnder(Path module, String tail) throws IOException {
    if (!Files.isDirectory(module)) {
      return false;
    }
    String suffix = "/" + tail;
    try (Stream<Path> files = Files.walk(module)) {
      return files
          .map(p -> p.toString().replace('\\', '/'))
          .filter(p -> !p.contains("/target/"))
          .anyMatch(p -> p.endsWith(suffix));
    }
  }
}
