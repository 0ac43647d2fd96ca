package io.trunkline.e2e;

import io.trunkline.testsupport.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SIPp process: a provider (registrar + trunk, scenario {@code sipp/provider.xml}) or the PBX
 * placing one call (scenario {@code sipp/pbx.xml}). Every message is traced to a file that the
 * tests read to see what the peer really received.
 */
final class Sipp implements AutoCloseable {

  private final Process process;
  private final Path trace;
  final int port;

  private Sipp(Process process, Path trace, int port) {
    this.process = process;
    this.trace = trace;
    this.port = port;
  }

  /** A trunk provider listening on 127.0.0.1:port (UDP). */
  static Sipp provider(int port) {
    Path scenario = resource("sipp/provider.xml");
    return start(port, List.of("-sf", scenario.toString()));
  }

  /**
   * The PBX places one call to the call-routing service: caller {@code from}, dialled {@code to}.
   * Returns SIPp's exit code (0: the call completed INVITE/200/ACK/BYE).
   */
  static int call(String from, String dialled) {
    try (Sipp pbx = placeCall("127.0.0.1", from, dialled)) {
      return pbx.waitFor(40);
    }
  }

  /**
   * The same call placed from another local address (e.g. 127.0.0.2, outside a PBX CIDR of
   * 127.0.0.1/32); returns everything the PBX sent and received.
   */
  static String callFrom(String localIp, String from, String dialled) {
    try (Sipp pbx = placeCall(localIp, from, dialled)) {
      pbx.waitFor(40);
      return pbx.messages();
    }
  }

  private static Sipp placeCall(String localIp, String from, String dialled) {
    return start(
        localIp,
        freeUdpPort(),
        List.of(
            "-sf",
            resource("sipp/pbx.xml").toString(),
            "-s",
            dialled,
            "-key",
            "caller",
            from,
            "-m",
            "1",
            "-timeout",
            "30",
            "-timeout_error",
            "127.0.0.1:" + LocalCluster.ROUTING_SIP_PORT));
  }

  private static Sipp start(int port, List<String> args) {
    return start("127.0.0.1", port, args);
  }

  private static Sipp start(String localIp, int port, List<String> args) {
    try {
      Path dir = Files.createTempDirectory("sipp-");
      Path trace = dir.resolve("messages.log");
      List<String> cmd = new ArrayList<>(List.of("sipp", "-i", localIp, "-p", "" + port));
      cmd.addAll(args);
      cmd.addAll(List.of("-nostdin", "-trace_msg", "-message_file", trace.toString()));
      Process p =
          new ProcessBuilder(cmd)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("sipp.out").toFile())
              .start();
      Thread.sleep(300);
      return new Sipp(p, trace, port);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run sipp (apt-get install sip-tester)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  int waitFor(int seconds) {
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return -1;
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Everything this peer received and sent so far, as SIPp traced it. */
  String messages() {
    try {
      return Files.exists(trace) ? Files.readString(trace) : "";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The start lines of the requests received, e.g. "INVITE sip:+442345@127.0.0.1:5090". */
  List<String> receivedRequestLines(String method) {
    List<String> lines = new ArrayList<>();
    String[] blocks = messages().split("-{20,}");
    for (String block : blocks) {
      if (!block.contains("message received")) {
        continue;
      }
      for (String line : block.split("\r?\n")) {
        if (line.startsWith(method + " ")) {
          lines.add(line.trim());
        }
      }
    }
    return lines;
  }

  /** The received requests of a method, whole (headers included). */
  List<String> receivedRequests(String method) {
    List<String> found = new ArrayList<>();
    for (String block : messages().split("-{20,}")) {
      if (block.contains("message received") && block.contains("\n" + method + " ")) {
        found.add(block);
      }
    }
    return found;
  }

  /** When each request of a method arrived, with its Call-ID, in arrival order. */
  List<Arrival> arrivals(String method) {
    List<Arrival> found = new ArrayList<>();
    for (String block : messages().split("(?m)^-{20,} ")) {
      if (!block.contains("message received") || !block.contains("\n" + method + " ")) {
        continue;
      }
      Matcher at = Pattern.compile("^(\\S+ \\S+)").matcher(block);
      Matcher callId = Pattern.compile("(?im)^(?:Call-ID|i):\\s*(\\S+)").matcher(block);
      if (at.find() && callId.find()) {
        found.add(new Arrival(LocalDateTime.parse(at.group(1).replace(' ', 'T')), callId.group(1)));
      }
    }
    return found;
  }

  /** A request's arrival time (local clock, as SIPp traces it) and its Call-ID. */
  record Arrival(LocalDateTime at, String callId) {}

  @Override
  public void close() {
    Processes.stop(process);
  }

  static int freeUdpPort() {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path resource(String name) {
    try (InputStream in = Sipp.class.getClassLoader().getResourceAsStream(name)) {
      Path file = Files.createTempFile("scenario-", ".xml");
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("missing scenario " + name, e);
    }
  }
}
