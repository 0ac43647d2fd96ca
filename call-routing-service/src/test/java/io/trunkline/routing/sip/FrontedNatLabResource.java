package io.trunkline.routing.sip;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.trunkline.testsupport.FreePorts;
import io.trunkline.testsupport.NatLab;
import io.trunkline.testsupport.NetNs;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link NatLab} where call-routing itself sits behind a 1:1 NAT (bound to a private address, as
 * in a pod) and the PBX behind a masquerading router that forwards its SIP port (for inbound
 * calls). With the argument {@code advertise=true} the service is told its public address;
 * otherwise it only knows the one it is bound to.
 */
public class FrontedNatLabResource implements QuarkusTestResourceLifecycleManager {

  public static volatile NatLab lab;
  public static volatile int sipPort;

  /** The PBX's SIP port, on its private address and forwarded by its router. */
  public static final int PBX_PORT = 5060;

  private boolean advertise;

  /** Whether this machine can run the lab (root, ip, nft and SIPp). */
  public static boolean possible() {
    return NetNs.available() && Files.isExecutable(Path.of("/usr/bin/sipp"));
  }

  @Override
  public void init(Map<String, String> args) {
    advertise = Boolean.parseBoolean(args.getOrDefault("advertise", "false"));
  }

  @Override
  public Map<String, String> start() {
    if (!possible()) {
      return Map.of();
    }
    try {
      lab = NatLab.create();
      lab.frontHost();
      lab.forwardToLan(PBX_PORT);
      sipPort = FreePorts.udpAndTcp(InetAddress.getByName(lab.frontPrivateAddress()));
      Map<String, String> config = new HashMap<>();
      config.put("trunkline.sip.host", lab.frontPrivateAddress());
      config.put("trunkline.sip.port", Integer.toString(sipPort));
      config.put("trunkline.routing.pbx-cidrs", lab.routerPublicAddress() + "/32");
      if (advertise) {
        // the port is left out on purpose: the bound one is what the front forwards
        config.put("trunkline.sip.advertised.host", lab.frontPublicAddress());
      }
      return config;
    } catch (Exception e) {
      stop();
      throw new IllegalStateException("cannot build the NAT lab", e);
    }
  }

  @Override
  public void stop() {
    if (lab != null) {
      lab.close();
      lab = null;
    }
  }
}
