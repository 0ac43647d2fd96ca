package io.trunkline.routing.media;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * A real rtpengine on 127.0.0.1 for a Quarkus test profile, set as call-routing's media relay. With
 * the init arg {@code deadFirst=true} a silent UDP socket is configured in front of it, the first
 * instance of the list (a relay that does not answer).
 */
public class RtpengineResource implements QuarkusTestResourceLifecycleManager {

  /** The running rtpengine of the current profile. */
  public static volatile Rtpengine live;

  /** The address of the silent instance, when there is one. */
  public static volatile String dead;

  private boolean deadFirst;
  private java.net.DatagramSocket silent;

  @Override
  public void init(Map<String, String> initArgs) {
    deadFirst = Boolean.parseBoolean(initArgs.getOrDefault("deadFirst", "false"));
  }

  @Override
  public Map<String, String> start() {
    if (!Rtpengine.installed()) {
      // the tests assume it and are skipped; the service starts without a relay
      return Map.of();
    }
    try {
      live = Rtpengine.start("127.0.0.1");
      String instances = live.ng();
      if (deadFirst) {
        silent = new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"));
        dead = "127.0.0.1:" + silent.getLocalPort();
        instances = dead + "," + instances;
      }
      Map<String, String> config = new HashMap<>();
      config.put("trunkline.media.instances", instances);
      // short with a dead instance to skip, else the default: a loaded test host must not turn a
      // slow reply into a failed call
      config.put("trunkline.media.timeout", deadFirst ? "600ms" : "1s");
      config.put("trunkline.media.retransmit-interval", "150ms");
      return config;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start rtpengine", e);
    }
  }

  @Override
  public void stop() {
    if (live != null) {
      live.close();
      live = null;
    }
    if (silent != null) {
      silent.close();
      dead = null;
    }
  }
}
