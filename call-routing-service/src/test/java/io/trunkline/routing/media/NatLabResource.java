package io.trunkline.routing.media;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.trunkline.testsupport.FreePorts;
import io.trunkline.testsupport.NatLab;
import io.trunkline.testsupport.NetNs;
import java.net.InetAddress;
import java.util.Map;

/**
 * A {@link NatLab} with a real rtpengine on this host's lab address; call-routing binds its SIP
 * there too and takes INVITEs from the router's public address (the PBX behind it).
 */
public class NatLabResource implements QuarkusTestResourceLifecycleManager {

  public static volatile NatLab lab;
  public static volatile Rtpengine rtpengine;
  public static volatile int sipPort;

  /** Whether this machine can run the lab (root, ip, nft, rtpengine and SIPp). */
  public static boolean possible() {
    return NetNs.available() && Rtpengine.installed() && Sipp.installed();
  }

  @Override
  public Map<String, String> start() {
    if (!possible()) {
      return Map.of();
    }
    try {
      lab = NatLab.create();
      // heuristic learning, as the local cluster and k8s run it: a NATed PBX's address is learnt
      // from its RTP after rtpengine's 3 s delay
      rtpengine = Rtpengine.start(lab.hostAddress(), "--endpoint-learning=heuristic");
      sipPort = FreePorts.udpAndTcp(InetAddress.getByName(lab.hostAddress()));
      return Map.of(
          "trunkline.sip.host", lab.hostAddress(),
          "trunkline.sip.port", Integer.toString(sipPort),
          "trunkline.routing.pbx-cidrs", lab.routerPublicAddress() + "/32",
          "trunkline.media.instances", rtpengine.ng());
    } catch (Exception e) {
      stop();
      throw new IllegalStateException("cannot build the NAT lab", e);
    }
  }

  @Override
  public void stop() {
    if (rtpengine != null) {
      rtpengine.close();
      rtpengine = null;
    }
    if (lab != null) {
      lab.close();
      lab = null;
    }
  }
}
