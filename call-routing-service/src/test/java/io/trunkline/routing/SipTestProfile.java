package io.trunkline.routing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * SIP acceptance profile: the B2BUA on a free port of 127.0.0.1, only 127.0.0.1/32 as PBX (so a
 * peer on 127.0.0.2 is an outsider), short failover timeouts so tests stay quick.
 */
public class SipTestProfile implements QuarkusTestProfile {

  public static final int SIP_PORT = freePort();

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "trunkline.sip.port", Integer.toString(SIP_PORT),
        "trunkline.routing.pbx-cidrs", "127.0.0.1/32",
        "trunkline.routing.no-provisional-timeout", "1s",
        "trunkline.routing.final-answer-timeout", "3s");
  }

  private static int freePort() {
    for (int i = 0; i < 50; i++) {
      try (DatagramSocket u = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
        int p = u.getLocalPort();
        try (ServerSocket t = new ServerSocket(p, 1, InetAddress.getByName("127.0.0.1"))) {
          return p;
        }
      } catch (Exception e) {
        // try another
      }
    }
    throw new IllegalStateException("no free port");
  }
}
