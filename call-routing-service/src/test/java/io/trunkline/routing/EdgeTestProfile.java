package io.trunkline.routing;

import java.util.HashMap;
import java.util.Map;

/**
 * The SIP acceptance profile with the edge limits the abuse tests drive: 1,000 inbound TCP
 * connections, 20 per source, and folding caps raised far enough that a 64 KB datagram of 16,000
 * folded lines is parsed whole (what shows the parser is linear, not merely capped); T1 100 ms.
 */
public class EdgeTestProfile extends SipTestProfile {

  public static final int MAX_CONNECTIONS = 1000;
  public static final int MAX_CONNECTIONS_PER_SOURCE = 20;

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> m = new HashMap<>(super.getConfigOverrides());
    m.put("trunkline.sip.tcp.max-connections", Integer.toString(MAX_CONNECTIONS));
    m.put(
        "trunkline.sip.tcp.max-connections-per-source",
        Integer.toString(MAX_CONNECTIONS_PER_SOURCE));
    m.put("trunkline.sip.tcp.message-timeout", "5s");
    // answered transactions linger 64*T1: 6.4 s, so that a test can wait until nothing is held
    m.put("trunkline.sip.t1", "100ms");
    // the RFC's patience, not the acceptance tests' 1 s: under a flood a lost 180 is resent
    // (the trunk answers each INVITE retransmission) well within 8 s
    m.put("trunkline.routing.no-provisional-timeout", "8s");
    m.put("trunkline.sip.parse.max-folded-lines", "20000");
    m.put("trunkline.sip.parse.max-line-length", "65536");
    return m;
  }

  /** The same, but INVITEs from strangers are dropped rather than answered. */
  public static class Drop extends EdgeTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> m = new HashMap<>(super.getConfigOverrides());
      m.put("trunkline.sip.reject-unknown", "DROP");
      return m;
    }
  }
}
