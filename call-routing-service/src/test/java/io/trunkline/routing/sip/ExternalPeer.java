package io.trunkline.routing.sip;

import io.trunkline.testsupport.Kamailio;
import io.trunkline.testsupport.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A SIPp or Kamailio process of the interop tests, with its output kept in a file. */
final class ExternalPeer implements AutoCloseable {

  private final Process process;
  final Path dir;

  private ExternalPeer(Process process, Path dir) {
    this.process = process;
    this.dir = dir;
  }

  static boolean installed(String binary) {
    for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(p, binary))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", binary));
  }

  /** SIPp with a scenario from src/test/resources/interop, on 127.0.0.1:port. */
  static ExternalPeer sipp(String scenario, int port, String transport, List<String> args)
      throws IOException {
    Path dir = Files.createTempDirectory("interop-sipp-");
    List<String> cmd = new ArrayList<>();
    cmd.addAll(
        List.of(
            "sipp",
            "-sf",
            copy("interop/" + scenario, dir).toString(),
            "-i",
            "127.0.0.1",
            "-p",
            Integer.toString(port),
            "-t",
            "tcp".equals(transport) ? "t1" : "u1",
            "-nostdin",
            "-trace_err",
            "-trace_msg"));
    cmd.addAll(args);
    return start(cmd, dir);
  }

  /** Kamailio with interop/kamailio-lossy.cfg, its @NAME@ placeholders replaced. */
  static ExternalPeer kamailio(Map<String, Integer> ports) throws IOException {
    Path dir = Files.createTempDirectory("interop-kamailio-");
    String cfg = Files.readString(copy("interop/kamailio-lossy.cfg", dir));
    for (Map.Entry<String, Integer> e : ports.entrySet()) {
      cfg = cfg.replace("@" + e.getKey() + "@", e.getValue().toString());
    }
    Path file = dir.resolve("kamailio.cfg");
    Files.writeString(file, cfg);
    return start(
        List.of(
            Files.isExecutable(Path.of("/usr/sbin/kamailio")) ? "/usr/sbin/kamailio" : "kamailio",
            "-f",
            file.toString(),
            "-P",
            dir.resolve("kamailio.pid").toString(),
            "-Y",
            dir.toString(),
            "-DD",
            "-E"),
        dir);
  }

  /**
   * Kamailio with a config from src/test/resources/interop and the files next to it (name ->
   * resource), every @NAME@ placeholder in all of them replaced; @DIR@ is the run directory.
   */
  static ExternalPeer kamailio(String config, Map<String, String> files, Map<String, ?> values)
      throws IOException {
    Path dir = Files.createTempDirectory("interop-kamailio-");
    Map<String, String> all = new java.util.HashMap<>();
    files.forEach((name, resource) -> all.put(name, "interop/" + resource));
    all.put("kamailio.cfg", "interop/" + config);
    Kamailio.write(dir, all, values);
    return new ExternalPeer(Kamailio.start(dir), dir);
  }

  private static ExternalPeer start(List<String> cmd, Path dir) throws IOException {
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("output.log").toFile())
            .start();
    return new ExternalPeer(p, dir);
  }

  /** Waits for the process to end; its exit code, or -1 when it had to be killed. */
  int waitFor(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  boolean alive() {
    return process.isAlive();
  }

  String output() throws IOException {
    Path out = dir.resolve("output.log");
    return Files.exists(out) ? Files.readString(out) : "";
  }

  @Override
  public void close() {
    Processes.stop(process);
  }

  private static Path copy(String resource, Path dir) throws IOException {
    try (InputStream in = ExternalPeer.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing test resource " + resource);
      }
      Path file = dir.resolve(Path.of(resource).getFileName());
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    }
  }
}
