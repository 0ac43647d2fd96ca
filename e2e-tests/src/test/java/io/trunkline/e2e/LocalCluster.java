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
 * The README's local cluster, driven exactly as a user drives it: {@code deploy/local/up.sh} (when
 * it is not already up) and {@code deploy/local/down.sh} at the end (only when these tests started
 * it). Also the faults: SIGKILL of a service or of the broker, PostgreSQL stopped.
 */
final class LocalCluster {

  static final Path ROOT = findRoot();
  static final Path STATE =
      System.getenv("TRUNKLINE_LOCAL_DIR") != null
          ? Path.of(System.getenv("TRUNKLINE_LOCAL_DIR"))
          : ROOT.resolve(".local");
  static final String API_KEY = System.getenv().getOrDefault("TRUNKLINE_API_KEY", "local-dev-key");
  static final String CONFIG_URL = "http://localhost:8081";
  static final String REGISTRATION_URL = "http://localhost:8082";
  static final String ROUTING_URL = "http://localhost:8083";
  static final String KAFKA = "localhost:9092";
  static final int ROUTING_SIP_PORT = 5060;
  static final List<String> SERVICES =
      List.of("trunk-config-service", "registration-service", "call-routing-service");

  private static boolean started;
  private static boolean startedByUs;

  private LocalCluster() {}

  /** Starts the cluster with up.sh unless all three services already answer ready. */
  static synchronized void ensureUp() {
    if (started) {
      return;
    }
    if (!allReady()) {
      run(Duration.ofMinutes(10), "deploy/local/up.sh");
      startedByUs = true;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> run(Duration.ofMinutes(2), "deploy/local/down.sh")));
    }
    started = true;
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

  /** Stops the machine's PostgreSQL cluster (the first of pg_lsclusters) when it runs. */
  static void stopPostgres() {
    run(
        Duration.ofMinutes(1),
        "bash",
        "-c",
        PG_CLUSTER + "[ \"$s\" != online ] || pg_ctlcluster $v $c stop");
  }

  /** Starts it again when it is down; a no-op when it runs. */
  static void startPostgres() {
    run(
        Duration.ofMinutes(1),
        "bash",
        "-c",
        PG_CLUSTER + "[ \"$s\" = online ] || pg_ctlcluster $v $c start");
  }

  private static final String PG_CLUSTER =
      "read -r v c _ s _ <<<\"$(pg_lsclusters -h | head -n1)\"; ";

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
