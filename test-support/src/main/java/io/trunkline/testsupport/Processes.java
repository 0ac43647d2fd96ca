package io.trunkline.testsupport;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stopping the external programs tests start (dnsmasq, SIPp, rtpengine, Kamailio, ...). */
public final class Processes {

  private Processes() {}

  /**
   * Stops a process and every process it started, politely, then firmly: SIGTERM and up to 5 s to
   * exit (so that it can flush its logs and free its ports), then SIGKILL and up to 5 s more. The
   * children are collected before the first signal: Kamailio runs its workers as child processes,
   * and a main process killed hard leaves them behind, still holding the test's ports. An interrupt
   * ends the wait and stays set for the caller.
   */
  public static void stop(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      for (ProcessHandle child : children) {
        if (child.isAlive()) {
          child.destroyForcibly();
          child.onExit().get(5, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // a child that will not die within 5 s is reported by the next test's port check
    }
  }
}
