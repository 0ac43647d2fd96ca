package io.trunkline.routing.media;

import io.trunkline.testsupport.Processes;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real rtpengine of the tests' own (Debian's rtpengine-daemon, user-space forwarding: no kernel
 * module, {@code --table=-1}), on a free ng port of the given address with an RTP port range no
 * other test rtpengine uses; and a blocking ng client to ask it what it holds ({@code list}, {@code
 * statistics}), independent of the service's client.
 */
public final class Rtpengine implements AutoCloseable {

  public static final String BINARY = "/usr/bin/rtpengine";
  private static final AtomicInteger RANGES = new AtomicInteger();

  private final Process process;
  private final Path log;
  public final String address;
  public final int ngPort;
  public final int portMin;
  public final int portMax;

  private Rtpengine(Process process, Path log, String address, int ngPort, int min, int max) {
    this.process = process;
    this.log = log;
    this.address = address;
    this.ngPort = ngPort;
    this.portMin = min;
    this.portMax = max;
  }

  public static boolean installed() {
    return Files.isExecutable(Path.of(BINARY));
  }

  /** Starts one on the address (its media too) and waits until it answers a ping. */
  public static Rtpengine start(String address, String... extraArgs)
      throws IOException, InterruptedException {
    int ng;
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName(address))) {
      ng = s.getLocalPort();
    }
    // 300 ports each, from 47000 up: clear of the local clusters' ranges (20000 + offset ...)
    int min = 47_000 + 300 * (RANGES.getAndIncrement() % 40);
    int max = min + 299;
    Path log = Files.createTempFile("rtpengine-test-", ".log");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                BINARY,
                "--config-file=none",
                "--table=-1",
                "--foreground",
                "--log-stderr",
                "--log-level=5",
                "--interface=" + address,
                "--listen-ng=" + address + ":" + ng,
                "--port-min=" + min,
                "--port-max=" + max,
                "--delete-delay=0",
                "--num-threads=2"));
    cmd.addAll(List.of(extraArgs));
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Rtpengine r = new Rtpengine(p, log, address, ng, min, max);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < end) {
      if (!p.isAlive()) {
        throw new IllegalStateException("rtpengine exited: " + r.log());
      }
      try {
        if ("pong".equals(Bencode.text(r.ng(Map.of("command", "ping")).get("result")))) {
          return r;
        }
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    r.close();
    throw new IllegalStateException("rtpengine did not answer a ping: " + r.log());
  }

  /** The ng address as call-routing's configuration writes it. */
  public String ng() {
    return address + ":" + ngPort;
  }

  /** Relay calls it holds now (ng {@code list}). */
  public List<String> calls() throws IOException {
    List<String> out = new ArrayList<>();
    Object calls = ng(Map.of("command", "list", "limit", 10_000)).get("calls");
    if (calls instanceof List<?> l) {
      l.forEach(c -> out.add(Bencode.text(c)));
    }
    return out;
  }

  /** A counter of ng {@code statistics}, e.g. currentstatistics/sessionsown. */
  public long statistic(String group, String name) throws IOException {
    Map<?, ?> stats = (Map<?, ?>) ng(Map.of("command", "statistics")).get("statistics");
    Object v = ((Map<?, ?>) stats.get(group)).get(name);
    return v instanceof Long l ? l : Long.parseLong(Bencode.text(v).split("\\.")[0]);
  }

  /** One ng command, blocking (2 s). */
  public Map<String, Object> ng(Map<String, Object> command) throws IOException {
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(2000);
      String cookie = "t" + System.nanoTime();
      byte[] head = (cookie + " ").getBytes(StandardCharsets.US_ASCII);
      byte[] body = Bencode.encode(command);
      byte[] out = Arrays.copyOf(head, head.length + body.length);
      System.arraycopy(body, 0, out, head.length, body.length);
      s.send(new DatagramPacket(out, out.length, InetAddress.getByName(address), ngPort));
      byte[] in = new byte[65_535];
      DatagramPacket reply = new DatagramPacket(in, in.length);
      try {
        s.receive(reply);
      } catch (SocketTimeoutException e) {
        throw new IOException("no ng reply", e);
      }
      int space = head.length - 1;
      @SuppressWarnings("unchecked")
      Map<String, Object> m =
          (Map<String, Object>) Bencode.decode(in, space + 1, reply.getLength() - space - 1);
      return m;
    }
  }

  public boolean alive() {
    return process.isAlive();
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    Processes.stop(process);
  }
}
