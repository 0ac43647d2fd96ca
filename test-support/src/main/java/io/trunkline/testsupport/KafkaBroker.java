package io.trunkline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Apache Kafka broker (KRaft, broker + controller in one node) running as its own JVM
 * process on free loopback ports, with its data in a temporary folder. Tests can stop and start it
 * again (same ports, same data) to exercise outages.
 *
 * <p>The broker's classpath comes from {@code deploy/local/kafka-broker/target/kafka.classpath},
 * which the build writes before any service module is tested.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;
  private final int port;
  private final int controllerPort;
  private final String classpath;
  private final ScramTlsListener scram;
  private Process process;

  private KafkaBroker(Path dir, int port, int controllerPort, String classpath) {
    this(dir, port, controllerPort, classpath, null);
  }

  private KafkaBroker(
      Path dir, int port, int controllerPort, String classpath, ScramTlsListener scram) {
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.classpath = classpath;
    this.scram = scram;
  }

  /**
   * Formats a fresh data folder and starts a broker that also has a SASL_SSL listener with
   * SCRAM-SHA-512 (see {@link ScramTlsListener}); the plain listener stays for the broker's own use
   * and for {@link #admin()}.
   */
  public static KafkaBroker startFreshWithScramTls(ScramTlsListener.Spec spec) {
    try {
      Path dir = Files.createTempDirectory("trunkline-kafka-");
      int[] ports = FreePorts.tcp(3);
      KafkaBroker broker =
          new KafkaBroker(
              dir, ports[0], ports[1], readClasspath(), new ScramTlsListener(spec, ports[2]));
      broker.format();
      broker.start();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code host:port} of the SASL_SSL listener (only on a broker started with one). */
  public String scramTlsBootstrapServers() {
    if (scram == null) {
      throw new IllegalStateException("this broker has no SASL_SSL listener");
    }
    return "127.0.0.1:" + scram.port();
  }

  /** Formats a fresh data folder and starts the broker; returns once it accepts requests. */
  public static KafkaBroker startFresh() {
    try {
      Path dir = Files.createTempDirectory("trunkline-kafka-");
      int[] ports = FreePorts.tcp(2);
      KafkaBroker broker = new KafkaBroker(dir, ports[0], ports[1], readClasspath());
      broker.format();
      broker.start();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code host:port} for clients. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Starts the (stopped) broker again with the same data and ports. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    try {
      ProcessBuilder pb =
          new ProcessBuilder(
              javaBin(),
              "-Xms128m",
              "-Xmx512m",
              "-XX:+UseSerialGC",
              "-XX:TieredStopAtLevel=1",
              "-Dlog4j2.configurationFile=" + log4jConfig(),
              "-cp",
              classpath,
              "kafka.Kafka",
              dir.resolve("server.properties").toString());
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()));
      process = pb.start();
      try {
        awaitReady();
      } catch (RuntimeException e) {
        // A broker that never became ready must not outlive the test that started it.
        kill();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills the broker process (SIGKILL: an outage, not a clean shutdown) and waits for it. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Creates topics; each entry is name → config (e.g. cleanup.policy). Existing ones are kept. */
  public void createTopics(int partitions, Map<String, Map<String, String>> topics) {
    try (Admin admin = admin()) {
      List<NewTopic> newTopics = new ArrayList<>();
      topics.forEach(
          (name, config) ->
              newTopics.add(new NewTopic(name, partitions, (short) 1).configs(config)));
      for (var entry : admin.createTopics(newTopics).values().entrySet()) {
        try {
          entry.getValue().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + entry.getKey(), e);
          }
        }
      }
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("cannot create topics", e);
    }
  }

  /** An admin client for this broker; the caller closes it. */
  public Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    return Admin.create(props);
  }

  @Override
  public void close() {
    kill();
    TempFolders.delete(dir);
  }

  private void format() throws IOException {
    Files.writeString(dir.resolve("server.properties"), serverProperties());
    // like Kafka's own Uuid.randomUuid(): an id starting with '-' would read as an option
    String clusterId;
    do {
      clusterId =
          Base64.getUrlEncoder().withoutPadding().encodeToString(uuidBytes(UUID.randomUUID()));
    } while (clusterId.startsWith("-"));
    ProcessBuilder pb =
        new ProcessBuilder(
            javaBin(),
            "-Dlog4j2.configurationFile=" + log4jConfig(),
            "-cp",
            classpath,
            "kafka.tools.StorageTool",
            "format",
            "-t",
            clusterId,
            "-c",
            dir.resolve("server.properties").toString());
    if (scram != null) {
      pb.command().addAll(scram.formatArguments());
    }
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("format.log").toFile());
    try {
      int code = pb.start().waitFor();
      if (code != 0) {
        throw new IllegalStateException(
            "kafka storage format failed: " + Files.readString(dir.resolve("format.log")));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The repository's one broker configuration, rendered for this broker's ports and folder. */
  private String serverProperties() throws IOException {
    String rendered = renderedServerProperties();
    return scram == null ? rendered : scram.applyTo(rendered);
  }

  private String renderedServerProperties() throws IOException {
    return Files.readString(
            projectRoot().resolve("deploy/local/kafka-broker/server.properties"),
            StandardCharsets.UTF_8)
        .replace("@HOST@", "127.0.0.1")
        .replace("@CONTROLLER_PORT@", Integer.toString(controllerPort))
        .replace("@PORT@", Integer.toString(port))
        .replace("@DATA@", dir.resolve("data").toString());
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("kafka broker exited; see " + dir.resolve("broker.log"));
      }
      try (Admin admin = admin()) {
        admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        sleep(200);
      }
    }
    throw new IllegalStateException("kafka broker not ready after " + START_TIMEOUT);
  }

  private static String readClasspath() throws IOException {
    Path file = projectRoot().resolve("deploy/local/kafka-broker/target/kafka.classpath");
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          file
              + " is missing: build from the repository root (./mvnw verify) so that the"
              + " kafka-broker module writes it first");
    }
    return Files.readString(file, StandardCharsets.UTF_8).trim();
  }

  private static String log4jConfig() {
    return projectRoot().resolve("deploy/local/kafka-broker/log4j2.properties").toString();
  }

  /** The repository root: the first parent of the working directory with deploy/local. */
  static Path projectRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("deploy/local/kafka-broker"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find the repository root from " + Path.of(""));
    }
    return p;
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static byte[] uuidBytes(UUID uuid) {
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(16);
    buf.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return buf.array();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
