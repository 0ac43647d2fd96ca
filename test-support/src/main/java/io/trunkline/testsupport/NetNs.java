package io.trunkline.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Linux network namespace that a test creates and removes ({@code ip netns}), with what tests do
 * inside one: run a command, start a peer process, count packets with nftables. Needs root and the
 * {@code ip} and {@code nft} tools; {@link #available()} says whether this machine can.
 *
 * <p>Names start with {@code tl<pid>-}, so a namespace left by a test JVM that died is recognised
 * and removed by the next {@link #create}.
 */
public final class NetNs implements AutoCloseable {

  private static final Pattern OURS = Pattern.compile("^tl(\\d+)-\\S+");
  private static final Pattern PACKETS = Pattern.compile("packets (\\d+)");

  private final String name;
  private boolean closed;

  private NetNs(String name) {
    this.name = name;
  }

  /** Whether namespaces can be made here: root, with ip and nft. */
  public static boolean available() {
    try {
      return "0".equals(run(List.of("id", "-u")).trim())
          && run(List.of("ip", "netns", "list")) != null
          && run(List.of("nft", "--version")) != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A new namespace {@code tl<pid>-<suffix>} with its loopback up. */
  public static NetNs create(String suffix) {
    removeStale();
    NetNs ns = new NetNs("tl" + ProcessHandle.current().pid() + "-" + suffix);
    run(List.of("ip", "netns", "add", ns.name));
    ns.exec("ip", "link", "set", "lo", "up");
    return ns;
  }

  public String name() {
    return name;
  }

  /** Runs a command inside; its output, or an exception with it when the command fails. */
  public String exec(String... command) {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
    cmd.addAll(List.of(command));
    return run(cmd);
  }

  /** Starts a process inside (a SIP or media peer), output to the log; the caller stops it. */
  public Process start(List<String> command, Path log) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
    cmd.addAll(command);
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .directory(log.getParent().toFile())
        .start();
  }

  /**
   * Counts the packets arriving at this namespace's own addresses that match an nft expression
   * (e.g. {@code udp dport != 5060}), in a named counter of a table of its own.
   */
  public void countIncoming(String counter, String match) {
    exec("nft", "add table inet tlcount");
    exec("nft", "add chain inet tlcount input { type filter hook input priority 0 ; }");
    exec("nft", "add counter inet tlcount " + counter);
    exec("nft", "add rule inet tlcount input " + match + " counter name " + counter);
  }

  /** Packets a counter has seen. */
  public long packets(String counter) {
    Matcher m = PACKETS.matcher(exec("nft", "list counter inet tlcount " + counter));
    if (!m.find()) {
      throw new IllegalStateException("no counter " + counter + " in " + name);
    }
    return Long.parseLong(m.group(1));
  }

  /** Sets a counter back to zero. */
  public void resetCounter(String counter) {
    exec("nft", "reset counter inet tlcount " + counter);
  }

  /** Removes the namespace (its interfaces and whatever ran only there go with it). */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      try {
        run(List.of("ip", "netns", "del", name));
      } catch (RuntimeException e) {
        // already gone
      }
    }
  }

  /** Namespaces of test JVMs that no longer run. */
  private static void removeStale() {
    for (String line : run(List.of("ip", "netns", "list")).split("\n")) {
      Matcher m = OURS.matcher(line.trim());
      if (m.find() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
        try {
          run(List.of("ip", "netns", "del", line.trim().split("\\s")[0]));
        } catch (RuntimeException e) {
          // another run removed it
        }
      }
    }
  }

  /** Runs a command in this (the host's) namespace; its output; fails with the output. */
  public static String run(List<String> command) {
    try {
      Path out = Files.createTempFile("netns-cmd-", ".txt");
      try {
        Process p =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
          throw new IllegalStateException(String.join(" ", command) + " failed: " + text);
        }
        return text;
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
