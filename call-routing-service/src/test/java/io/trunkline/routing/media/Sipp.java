package io.trunkline.routing.media;

import io.trunkline.testsupport.NetNs;
import io.trunkline.testsupport.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIPp peers of the media tests: a scenario from src/test/resources/media with its @NAME@
 * placeholders filled, run on the host or inside a network namespace, messages traced to a file.
 */
public final class Sipp implements AutoCloseable {

  private static final Pattern CONNECTION = Pattern.compile("(?m)^c=IN IP4 (\\S+)");

  public final Path dir;
  private final Process process;

  private Sipp(Path dir, Process process) {
    this.dir = dir;
    this.process = process;
  }

  public static boolean installed() {
    return Files.isExecutable(Path.of("/usr/bin/sipp"));
  }

  /**
   * Starts SIPp with a scenario; inside {@code ns} when given. The arguments follow the usual ones
   * (-sf, -nostdin, message trace).
   */
  public static Sipp start(NetNs ns, String scenario, Map<String, String> values, List<String> args)
      throws IOException {
    Path dir = Files.createTempDirectory("media-sipp-");
    String xml;
    try (InputStream in = Sipp.class.getClassLoader().getResourceAsStream("media/" + scenario)) {
      if (in == null) {
        throw new IOException("missing test resource media/" + scenario);
      }
      xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    for (Map.Entry<String, String> e : values.entrySet()) {
      xml = xml.replace("@" + e.getKey() + "@", e.getValue());
    }
    Path file = dir.resolve(scenario);
    Files.writeString(file, xml, java.nio.charset.StandardCharsets.ISO_8859_1);
    List<String> cmd = new ArrayList<>(List.of("sipp", "-sf", file.toString(), "-nostdin"));
    cmd.addAll(List.of("-trace_msg", "-message_file", dir.resolve("messages.log").toString()));
    cmd.addAll(List.of("-trace_err", "-error_file", dir.resolve("errors.log").toString()));
    cmd.addAll(args);
    Path log = dir.resolve("output.log");
    Process p =
        ns == null
            ? new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start()
            : ns.start(cmd, log);
    return new Sipp(dir, p);
  }

  /** Its exit code, or -1 when it had to be killed. */
  public int waitFor(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      close();
      return -1;
    }
    return process.exitValue();
  }

  /** Everything it printed and traced, for assertion messages. */
  public String output() {
    StringBuilder sb = new StringBuilder();
    for (String f : List.of("output.log", "errors.log")) {
      try {
        Path p = dir.resolve(f);
        if (Files.exists(p)) {
          String text = Files.readString(p);
          sb.append(f).append(":\n").append(text, Math.max(0, text.length() - 3000), text.length());
        }
      } catch (IOException e) {
        sb.append(e);
      }
    }
    return sb.toString();
  }

  /**
   * The traced messages SIPp received whose first line starts so (e.g. "INVITE ", "SIP/2.0 200").
   */
  public List<String> received(String firstLine) throws IOException {
    List<String> out = new ArrayList<>();
    Path p = dir.resolve("messages.log");
    if (!Files.exists(p)) {
      return out;
    }
    for (String block : Files.readString(p).split("message received")) {
      int start = block.indexOf("\n\n");
      String msg = start < 0 ? "" : block.substring(start).trim();
      if (msg.startsWith(firstLine)) {
        out.add(msg);
      }
    }
    return out;
  }

  /** The c= address of an SDP in a message, or null. */
  public static String connectionAddress(String message) {
    Matcher m = CONNECTION.matcher(message.replace("\r", ""));
    return m.find() ? m.group(1) : null;
  }

  /** Writes a mono 8 kHz A-law WAV of the given length (what SIPp's rtp_stream plays). */
  public static Path alawWav(Path dir, int millis) throws IOException {
    int n = 8 * millis;
    ByteBuffer b = ByteBuffer.allocate(44 + n).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + n).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 6).putShort((short) 1);
    b.putInt(8000).putInt(8000).putShort((short) 1).putShort((short) 8);
    b.put("data".getBytes()).putInt(n);
    for (int i = 0; i < n; i++) {
      b.put((byte) (0xd5 ^ (i & 0x0f))); // near-silence with a little movement
    }
    Path file = dir.resolve("audio-" + millis + "ms.wav");
    Files.write(file, b.array());
    return file;
  }

  @Override
  public void close() {
    Processes.stop(process);
  }
}
