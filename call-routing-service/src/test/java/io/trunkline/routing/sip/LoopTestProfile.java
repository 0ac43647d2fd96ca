package io.trunkline.routing.sip;

import io.trunkline.routing.SipTestProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * The SIP acceptance profile with a fixed cluster id (so tests can see the marker) and a longer
 * wait for a provisional answer: a 70-hop loop must end by Max-Forwards, never by a timeout.
 */
public class LoopTestProfile extends SipTestProfile {

  static final String CLUSTER_ID = "cluster-a";

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> m = new HashMap<>(super.getConfigOverrides());
    m.put("trunkline.loop.cluster-id", CLUSTER_ID);
    m.put("trunkline.routing.no-provisional-timeout", "5s");
    return m;
  }
}
