package io.trunkline.testsupport;

import java.util.concurrent.TimeUnit;

/** Stopping the external programs tests start (dnsmasq, SIPp, rtpengine, ...). */
public final class Processes {

  private Processes() {}

  /**
   * Stops a process politely, then firmly: SIGTERM and up to 5 s to exit (so that it can flush its
   * logs and free its ports), then SIGKILL and up to 5 s more. An interrupt ends the wait and stays
   * set for the caller.
   */
  public static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
