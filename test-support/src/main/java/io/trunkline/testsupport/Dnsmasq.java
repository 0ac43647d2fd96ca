package io.trunkline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A real DNS server for tests: Debian's dnsmasq on a loopback address and a free port, serving the
 * NAPTR, SRV, A and AAAA records a test gives it, and nothing else (no upstream, no /etc/hosts).
 * Records can be replaced (dnsmasq is restarted on the same address and port), the server stopped
 * and started to play an outage, and the query log read to count queries. {@link #close()} stops it
 * and deletes its folder; a shutdown hook does so if a test forgets.
 *
 * <pre>{@code
 * try (Dnsmasq dns = Dnsmasq.start(new Dnsmasq.Records().domain("example.test").ttl(60)
 *     .srv("_sip._udp.example.test", "a.example.test", 5080, 10, 60)
 *     .host("a.example.test", "127.0.0.11"))) {
 *   String server = dns.server(); // "127.0.0.1:<port>"
 * }
 * }</pre>
 */
public final class Dnsmasq implements AutoCloseable {

  private final Path dir;
  private final InetAddress address;
  private final int port;
  private final Thread cleanup;
  private Records records;
  private DnsmasqProcess process;

  private Dnsmasq(Path dir, InetAddress address, int port, Records records) {
    this.dir = dir;
    this.address = address;
    this.port = port;
    this.records = records;
    this.cleanup = new Thread(this::kill, "dnsmasq-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
  }

  /** Starts dnsmasq on 127.0.0.1 and a free port with these records. */
  public static Dnsmasq start(Records records) {
    return start("127.0.0.1", records);
  }

  /** Starts dnsmasq on a loopback address (127.0.0.0/8) and a free port with these records. */
  public static Dnsmasq start(String loopbackAddress, Records records) {
    try {
      InetAddress address = InetAddress.getByName(loopbackAddress);
      if (!address.isLoopbackAddress()) {
        throw new IllegalArgumentException(loopbackAddress + " is not a loopback address");
      }
      Dnsmasq dns =
          new Dnsmasq(
              Files.createTempDirectory("trunkline-dnsmasq-"),
              address,
              FreePorts.udpAndTcp(address),
              records);
      dns.start();
      return dns;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server as {@code address:port}, the form resolvers are configured with. */
  public String server() {
    return address.getHostAddress() + ":" + port;
  }

  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(address, port);
  }

  /** Replaces every record: dnsmasq restarts on the same address and port with the new set. */
  public synchronized void replace(Records newRecords) {
    this.records = newRecords;
    stop();
    start();
  }

  /** Starts the (stopped) server again with the current records. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    try {
      Path conf = dir.resolve("dnsmasq.conf");
      Files.writeString(conf, config(), StandardCharsets.UTF_8);
      process = DnsmasqProcess.start(conf, dir.resolve("dnsmasq.out"), socketAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server (an outage): queries to its port go unanswered until {@link #start()}. */
  public synchronized void stop() {
    kill();
  }

  /** How many queries of this type (A, AAAA, SRV, NAPTR) for this name dnsmasq has logged. */
  public long queries(String type, String name) {
    Pattern line =
        Pattern.compile(
            ".*query\\[" + Pattern.quote(type) + "\\] " + Pattern.quote(name) + " from .*");
    return log().stream().filter(l -> line.matcher(l).matches()).count();
  }

  /** dnsmasq's log (start-up lines and one line per query and answer), for failure messages. */
  public List<String> log() {
    try {
      Path log = dir.resolve("queries.log");
      return Files.exists(log) ? Files.readAllLines(log) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down
    }
    TempFolders.delete(dir);
  }

  private String config() {
    List<String> lines = new ArrayList<>();
    lines.add("no-resolv"); // no upstream: names outside the records are not forwarded
    lines.add("no-hosts");
    lines.add("no-poll");
    lines.add("pid-file=");
    lines.add("listen-address=" + address.getHostAddress());
    lines.add("bind-interfaces");
    lines.add("port=" + port);
    // as the current user, so that a root run can still read this folder
    lines.add("user=" + System.getProperty("user.name"));
    lines.add("log-queries");
    lines.add("log-facility=" + dir.resolve("queries.log"));
    lines.add("cache-size=0");
    lines.addAll(records.lines());
    return String.join("\n", lines) + "\n";
  }

  private synchronized void kill() {
    if (process != null) {
      process.stop();
      process = null;
    }
  }

  /**
   * The zone data dnsmasq serves, in dnsmasq's own option syntax. Names under a {@link
   * #domain(String)} that have no record answer NXDOMAIN; names outside every domain are refused.
   */
  public static final class Records {
    private final List<String> lines = new ArrayList<>();

    /** dnsmasq answers for this domain only from these records (no such name: NXDOMAIN). */
    public Records domain(String domain) {
      lines.add("local=/" + domain + "/");
      return this;
    }

    /** The TTL of every NAPTR and SRV record, and of host records without their own TTL. */
    public Records ttl(int seconds) {
      lines.add("local-ttl=" + seconds);
      return this;
    }

    /** A NAPTR record as SIP uses them: flags "s", no regexp, the SRV name as replacement. */
    public Records naptr(
        String name, int order, int preference, String service, String replacement) {
      return naptr(name, order, preference, "s", service, "", replacement);
    }

    public Records naptr(
        String name,
        int order,
        int preference,
        String flags,
        String service,
        String regexp,
        String replacement) {
      lines.add(
          "naptr-record="
              + String.join(
                  ",",
                  name,
                  String.valueOf(order),
                  String.valueOf(preference),
                  flags,
                  service,
                  regexp,
                  replacement));
      return this;
    }

    /**
     * An SRV record, e.g. {@code srv("_sip._udp.example.test", "a.example.test", 5080, 10, 60)}.
     */
    public Records srv(String name, String target, int port, int priority, int weight) {
      lines.add("srv-host=" + name + "," + target + "," + port + "," + priority + "," + weight);
      return this;
    }

    /** An SRV record with target "." : the service is decidedly not offered (RFC 2782). */
    public Records srvNotOffered(String name) {
      lines.add("srv-host=" + name);
      return this;
    }

    /** A and/or AAAA records (IPv4 and IPv6 literals) with the default TTL. */
    public Records host(String name, String... addresses) {
      for (String a : addresses) {
        lines.add("host-record=" + name + "," + a);
      }
      return this;
    }

    /** A and/or AAAA records with their own TTL. */
    public Records hostWithTtl(String name, int ttlSeconds, String... addresses) {
      for (String a : addresses) {
        lines.add("host-record=" + name + "," + a + "," + ttlSeconds);
      }
      return this;
    }

    List<String> lines() {
      return List.copyOf(lines);
    }
  }
}
