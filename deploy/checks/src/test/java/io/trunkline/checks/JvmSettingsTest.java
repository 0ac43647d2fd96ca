package io.trunkline.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the figures measured is what ships: each service's src/main/jvm/jvm.options is the one
 * source of its JVM flags for the container image, the local cluster and the load tests, the
 * routing figures name exactly those flags, and every overlay gives the pod room for the heap.
 */
class JvmSettingsTest {

  /** Metaspace, code cache, thread stacks and direct buffers above the heap. */
  private static final long NON_HEAP_ROOM = 256L << 20;

  @Test
  void theImageStartsJavaWithTheServicesOwnOptionsFile() {
    for (Contract.Service s : Contract.SERVICES) {
      String docker =
          Repo.read(Repo.path(s.dir() + "/src/main/docker/Dockerfile.jvm"))
              .replaceAll("(?m)^#.*\\n", "");
      assertThat(docker)
          .as(s.dir())
          .contains("COPY --chown=185 src/main/jvm/jvm.options /deployments/jvm.options")
          .doesNotContain("run-java.sh")
          .doesNotContain("GC_CONTAINER_OPTIONS");
      Matcher entry = Pattern.compile("(?s)ENTRYPOINT \\[(.*?)]").matcher(docker);
      assertThat(entry.find()).isTrue();
      assertThat(entry.group(1)).contains("\"java\", \"@/deployments/jvm.options\"");
    }
  }

  @Test
  void theLocalClusterAndTheLoadTestsReadTheSameFile() throws Exception {
    for (Contract.Service s : Contract.SERVICES) {
      assertThat(localFlags(s.dir())).as(s.dir()).isEqualTo(String.join(" ", flags(s.dir())));
    }
    assertThat(Repo.read(Repo.path("deploy/local/up.sh")))
        .containsPattern("java \\$\\(jvm_options \"\\$mod\"\\) -jar");
    assertThat(Repo.read(Repo.path("deploy/loadtest/routing/common.sh")))
        .contains("DEFAULT_JAVA_OPTS=\"$(jvm_options call-routing-service)\"");
  }

  @Test
  void theNewestRoutingFiguresRanWithTheShippedFlags() {
    String results = Repo.read(Repo.path("deploy/loadtest/routing/RESULTS.md"));
    Matcher jvm = Pattern.compile("JVM: (-[^.;\\n]*?)(?:\\.|;|\\n|$)").matcher(results);
    String last = null;
    while (jvm.find()) {
      last = jvm.group(1).trim();
    }
    assertThat(last).as("a 'JVM: ' line in routing/RESULTS.md").isNotNull();
    assertThat(last).isEqualTo(String.join(" ", flags("call-routing-service")));
  }

  @Test
  void everyOverlayLeavesRoomAboveTheHeap() {
    for (String overlay : List.of("dev", "prod")) {
      Rendered r = Rendered.of(overlay);
      for (Contract.Service s : Contract.SERVICES) {
        Container c = Rendered.container(r.deployment(s.deployment()));
        assertThat(r.environment(c))
            .as(overlay + "/" + s.deployment() + ": no second source of JVM flags")
            .doesNotContainKeys(
                "JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
        Quantity limit = c.getResources().getLimits().get("memory");
        assertThat(limit).as(overlay + "/" + s.deployment() + " memory limit").isNotNull();
        long bytes = Quantity.getAmountInBytes(limit).longValue();
        assertThat(bytes)
            .as(overlay + "/" + s.deployment() + " limit vs heap " + heapOf(s.dir()))
            .isGreaterThanOrEqualTo(heapOf(s.dir()) + NON_HEAP_ROOM);
      }
    }
  }

  /** The flags of a service's jvm.options: comments and blank lines dropped, in file order. */
  private static List<String> flags(String service) {
    return Arrays.stream(Repo.read(Repo.path(service + "/src/main/jvm/jvm.options")).split("\n"))
        .map(line -> line.replaceAll("#.*", "").trim())
        .filter(line -> !line.isEmpty())
        .flatMap(line -> Arrays.stream(line.split("\\s+")))
        .toList();
  }

  private static long heapOf(String service) {
    String xmx =
        flags(service).stream()
            .filter(f -> f.startsWith("-Xmx"))
            .reduce((a, b) -> b)
            .orElseThrow(() -> new AssertionError(service + ": jvm.options sets no -Xmx"));
    Matcher m = Pattern.compile("-Xmx(\\d+)([kKmMgG]?)").matcher(xmx);
    assertThat(m.matches()).as(xmx).isTrue();
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase()) {
      case "k" -> n << 10;
      case "m" -> n << 20;
      case "g" -> n << 30;
      default -> n;
    };
  }

  /** What deploy/local/lib.sh's jvm_options prints, the line up.sh passes to java. */
  private static String localFlags(String service) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "bash",
                "-c",
                "source \"$0\" >/dev/null 2>&1; jvm_options \"$1\"",
                Repo.path("deploy/local/lib.sh").toString(),
                service)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
