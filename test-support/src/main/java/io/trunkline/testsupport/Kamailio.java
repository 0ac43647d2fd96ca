package io.trunkline.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kamailio process of a test (Debian's package, with its tls module), run in the foreground in a
 * temporary folder from configuration templates on the test class path. Every {@code @NAME@} in the
 * templates is replaced by the value given for it; {@code @DIR@} is the run folder (where {@code
 * tls.cfg} and certificates can go). Its log (stderr) is kept in {@code output.log} for assertions.
 */
public final class Kamailio implements AutoCloseable {

  private final Process process;
  private final Path dir;

  private Kamailio(Process process, Path dir) {
    this.process = process;
    this.dir = dir;
  }

  /** Whether the kamailio binary is installed (tests assume it, else they are skipped). */
  public static boolean installed() {
    return command() != null;
  }

  /**
   * Starts Kamailio with the class-path resource {@code config} as kamailio.cfg and the other
   * resources of {@code files} (file name in the run folder → resource), placeholders replaced.
   */
  public static Kamailio start(String config, Map<String, String> files, Map<String, ?> values)
      throws IOException {
    Path dir = Files.createTempDirectory("kamailio-");
    Map<String, String> all = new HashMap<>(files);
    all.put("kamailio.cfg", config);
    write(dir, all, values);
    return new Kamailio(start(dir), dir);
  }

  /**
   * Writes the resources of {@code files} (file name → class-path resource) into {@code dir} with
   * every {@code @NAME@} of {@code values} and {@code @DIR@} replaced.
   */
  public static void write(Path dir, Map<String, String> files, Map<String, ?> values)
      throws IOException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      String text = resource(f.getValue());
      for (Map.Entry<String, ?> e : values.entrySet()) {
        text = text.replace("@" + e.getKey() + "@", e.getValue().toString());
      }
      Files.writeString(dir.resolve(f.getKey()), text.replace("@DIR@", dir.toString()));
    }
  }

  /** Runs Kamailio in the foreground on {@code dir}/kamailio.cfg, its output in output.log. */
  public static Process start(Path dir) throws IOException {
    return new ProcessBuilder(
            List.of(
                command(),
                "-f",
                dir.resolve("kamailio.cfg").toString(),
                "-P",
                dir.resolve("kamailio.pid").toString(),
                "-Y",
                dir.toString(),
                "-DD",
                "-E"))
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("output.log").toFile())
        .start();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Everything Kamailio logged so far. */
  public String output() throws IOException {
    Path out = dir.resolve("output.log");
    return Files.exists(out) ? Files.readString(out) : "";
  }

  /** How many times {@code line} (a whole log line) was logged so far. */
  public long count(String line) throws IOException {
    String out = output();
    String whole = line + "\n";
    long n = 0;
    for (int i = out.indexOf(whole); i >= 0; i = out.indexOf(whole, i + 1)) {
      n++;
    }
    return n;
  }

  @Override
  public void close() {
    Processes.stop(process);
  }

  private static String command() {
    for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!p.isEmpty() && Files.isExecutable(Path.of(p, "kamailio"))) {
        return Path.of(p, "kamailio").toString();
      }
    }
    Path sbin = Path.of("/usr/sbin/kamailio");
    return Files.isExecutable(sbin) ? sbin.toString() : null;
  }

  private static String resource(String name) throws IOException {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    try (InputStream in =
        (cl != null ? cl : Kamailio.class.getClassLoader()).getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
