package io.trunkline.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A cluster of the end-to-end suite's own, started with the README's scripts exactly as a user
 * starts theirs ({@code deploy/local/up.sh}, {@code down.sh}), but beside the user's: its own state
 * directory, ports (the user's plus {@link #PORT_OFFSET}), PostgreSQL cluster and Kafka broker (so
 * its own database and topics). The user's local cluster is never read, written or restarted;
 * {@link UserCluster} checks that. Also the faults: SIGKILL of a service or of the broker,
 * PostgreSQL stopped.
 */
final class LocalCluster {

  static final Path ROOT = findRoot();

  /** Added to every port of the user's cluster; other values let two checkouts test at once. */
  static final int PORT_OFFSET =
      Integer.parseInt(System.getenv().getOrDefault("TRUNKLINE_E2E_PORT_OFFSET", "10000"));

  static final Path STATE = ROOT.resolve("e2e-tests/target/local-cluster-" + PORT_OFFSET);
  static final String PG_CLUSTER = "trunkline-e2e-" + PORT_OFFSET;
  static final String API_KEY = "e2e-key-" + PORT_OFFSET;
  static final String CONFIG_URL = "http://localhost:" + (8081 + PORT_OFFSET);
  static final String REGISTRATION_URL = "http://localhost:" + (8082 + PORT_OFFSET);
  static final String ROUTING_URL = "http://localhost:" + (8083 + PORT_OFFSET);
  static final String KAFKA = "localhost:" + (9092 + PORT_OFFSET);
  static final int ROUTING_SIP_PORT = 5060 + PORT_OFFSET;
  static final List<String> SERVICES =
      List.of("trunk-config-service", "registration-service", "call-routing-service");

  /** What up.sh and down.sh need to address this instance rather than the user's. */
  private static final Map<String, String> INSTANCE =
      Map.of(
          "TRUNKLINE_LOCAL_DIR", STATE.toString(),
          "TRUNKLINE_PORT_OFFSET", Integer.toString(PORT_OFFSET),
          "TRUNKLINE_PG_CLUSTER", PG_CLUSTER,
          "TRUNKLINE_PG_PORT", Integer.toString(5432 + PORT_OFFSET),
          "TRUNKLINE_API_KEY", API_KEY);

  private static boolean started;

  private LocalCluster() {}

  /**
   * Starts this suite's cluster once per run: whatever a crashed earlier run left of it is purged
   * first, and a shutdown hook stops and purges it (processes, state, PostgreSQL cluster), also
   * when a test failed.
   */
  static synchronized void ensureUp() {
    if (started) {
      return;
    }
    UserCluster.recordBaseline();
    run(Duration.ofMinutes(2), "deploy/local/down.sh", "--purge");
    // a run killed before its purge (or a `mvn clean` of its state) may leave its PostgreSQL
    // cluster behind: the name is this suite's own, so it goes too
    run(Duration.ofMinutes(1), "bash", "-c", PG + "[ -z \"$c\" ] || pg_dropcluster --stop $v $c");
    Runtime.getRuntime().addShutdownHook(new Thread(LocalCluster::purge));
    run(Duration.ofMinutes(10), "deploy/local/up.sh");
    started = true;
  }

  /** Stops this suite's cluster and deletes everything it made. */
  static void purge() {
    run(Duration.ofMinutes(2), "deploy/local/down.sh");
    keepLogs();
    run(Duration.ofMinutes(2), "deploy/local/down.sh", "--purge");
  }

  /** The cluster's logs outlive its purge, for a failed run to be read afterwards. */
  private static void keepLogs() {
    Path kept = ROOT.resolve("e2e-tests/target/cluster-logs-" + PORT_OFFSET);
    run(
        Duration.ofMinutes(1),
        "bash",
        "-c",
        "rm -rf '" + kept + "' && cp -r '" + STATE.resolve("logs") + "' '" + kept + "' || true");
  }

  /** Brings back whatever is not running (up.sh is idempotent) and waits until ready. */
  static void restoreAll() {
    run(Duration.ofMinutes(5), "deploy/local/up.sh");
  }

  /**
   * Restarts call-routing with other PBX CIDRs (up.sh's TRUNKLINE_PBX_CIDRS); null restores the
   * default.
   */
  static void restartRoutingWithPbxCidrs(String cidrs) {
    kill("call-routing-service");
    run(
        Duration.ofMinutes(5),
        cidrs == null ? Map.of() : Map.of("TRUNKLINE_PBX_CIDRS", cidrs),
        "deploy/local/up.sh");
  }

  static boolean allReady() {
    return ready(CONFIG_URL) && ready(REGISTRATION_URL) && ready(ROUTING_URL);
  }

  static boolean ready(String baseUrl) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                      .timeout(Duration.ofSeconds(3))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGKILL of a process that up.sh started ("kafka" or a service name). */
  static void kill(String name) {
    long pid = pid(name);
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    ProcessHandle.of(pid)
        .ifPresent(
            p -> {
              try {
                p.onExit().get(30, TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new IllegalStateException(name + " did not die", e);
              }
            });
  }

  static long pid(String name) {
    try {
      return Long.parseLong(Files.readString(STATE.resolve("pids/" + name + ".pid")).trim());
    } catch (IOException e) {
      throw new IllegalStateException("no pid file for " + name, e);
    }
  }

  static Path log(String name) {
    return STATE.resolve("logs/" + name + ".log");
  }

  /** Stops this instance's PostgreSQL cluster when it runs. */
  static void stopPostgres() {
    run(
        Duration.ofMinutes(1),
        "bash",
        "-c",
        PG + "[ \"$s\" != online ] || pg_ctlcluster $v $c stop");
  }

  /** Starts it again when it is down; a no-op when it runs. */
  static void startPostgres() {
    run(
        Duration.ofMinutes(1),
        "bash",
        "-c",
        PG + "[ \"$s\" = online ] || pg_ctlcluster $v $c start");
  }

  private static final String PG =
      "read -r v c _ s _ <<<\"$(pg_lsclusters -h | awk '$2 == \"" + PG_CLUSTER + "\"')\"; ";

  static void run(Duration timeout, String... command) {
    run(timeout, Map.of(), command);
  }

  static void run(Duration timeout, Map<String, String> env, String... command) {
    try {
      Path out = Files.createDirectories(STATE.resolve("logs")).resolve("e2e-commands.log");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(ROOT.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
      pb.environment().putAll(INSTANCE);
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " timed out; see " + out);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed (" + p.exitValue() + "); see " + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path findRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("deploy/local/up.sh"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("repository root not found");
    }
    return p;
  }
}
