package io.trunkline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One run of the dnsmasq binary for {@link Dnsmasq}: started in the foreground on a configuration
 * file, considered up once its TCP listener accepts (it opens UDP at the same time), and stopped
 * with SIGTERM, then SIGKILL. Its output goes to a file whose text explains a failed start.
 */
final class DnsmasqProcess {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final Path output;

  private DnsmasqProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Starts dnsmasq on {@code conf} and returns once it listens on {@code listener}. */
  static DnsmasqProcess start(Path conf, Path output, InetSocketAddress listener) {
    try {
      ProcessBuilder pb =
          new ProcessBuilder(binary(), "--keep-in-foreground", "--conf-file=" + conf);
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
      DnsmasqProcess started = new DnsmasqProcess(pb.start(), output);
      started.awaitListening(listener);
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the process and waits (a few seconds at most) until it is gone. */
  void stop() {
    Processes.stop(process);
  }

  private void awaitListening(InetSocketAddress listener) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("dnsmasq exited: " + output());
      }
      // dnsmasq opens its TCP listener together with the UDP one
      try (Socket probe = new Socket()) {
        probe.connect(listener, 200);
        return;
      } catch (IOException e) {
        sleep(50);
      }
    }
    stop();
    throw new IllegalStateException(
        "dnsmasq not listening after " + START_TIMEOUT + ": " + output());
  }

  private String output() {
    try {
      return Files.exists(output) ? Files.readString(output) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static String binary() {
    for (String candidate : List.of("/usr/sbin/dnsmasq", "/sbin/dnsmasq", "/usr/bin/dnsmasq")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "dnsmasq is not installed (Debian: apt-get install dnsmasq-base; deploy/local/test.sh"
            + " installs it)");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
