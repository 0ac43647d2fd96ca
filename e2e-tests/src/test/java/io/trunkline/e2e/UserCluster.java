package io.trunkline.e2e;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The user's own local cluster (the README's {@code deploy/local/up.sh} on the default ports), seen
 * from outside: which of its ports are in use and, when its config API answers, every trunk and
 * outbound rule it lists with its version. The suite records this before it starts its own cluster
 * and {@link E2e9UserClusterUntouchedTest} compares at the end: the README's test command must
 * leave the user's cluster exactly as it found it.
 */
final class UserCluster {

  static final String API_KEY = System.getenv().getOrDefault("TRUNKLINE_API_KEY", "local-dev-key");
  static final String CONFIG_URL = "http://localhost:8081";
  static final int[] TCP_PORTS = {8081, 8082, 8083, 9092, 9093, 5060, 5070};
  static final int[] UDP_PORTS = {5060, 5070};
  static final List<String> LISTS = List.of("/api/v1/trunks", "/api/v1/outbound-rules");

  private static Snapshot baseline;

  private UserCluster() {}

  /** What the user's cluster looks like now. */
  record Snapshot(List<String> portsInUse, Map<String, String> listings) {}

  static synchronized void recordBaseline() {
    if (baseline == null) {
      baseline = now();
    }
  }

  static synchronized Snapshot baseline() {
    return baseline;
  }

  static Snapshot now() {
    List<String> inUse = new ArrayList<>();
    for (int port : TCP_PORTS) {
      if (tcpListening(port)) {
        inUse.add("tcp/" + port);
      }
    }
    for (int port : UDP_PORTS) {
      if (udpTaken(port)) {
        inUse.add("udp/" + port);
      }
    }
    Map<String, String> listings = new TreeMap<>();
    if (inUse.contains("tcp/8081")) {
      for (String path : LISTS) {
        listings.put(path, get(path));
      }
    }
    return new Snapshot(inUse, listings);
  }

  private static boolean tcpListening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean udpTaken(int port) {
    try (DatagramSocket s = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
      return false;
    } catch (SocketException e) {
      return true;
    }
  }

  /** The status and body of a GET on the user's config API (the body lists ids and versions). */
  private static String get(String path) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(CONFIG_URL + path))
                      .header("Authorization", "Bearer " + API_KEY)
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return r.statusCode() + " " + r.body();
    } catch (IOException e) {
      return "unreachable: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
