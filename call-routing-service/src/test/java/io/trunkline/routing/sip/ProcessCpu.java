package io.trunkline.routing.sip;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time of this process (the service under test runs in it): what a storm shows first. A looping
 * call kept one core busy (over 1 s of CPU per second); a quiet service uses a few milliseconds per
 * second.
 */
final class ProcessCpu {

  private ProcessCpu() {}

  static long nanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** CPU time the process uses while the test waits for the given time. */
  static Duration usedDuring(Duration wall) throws InterruptedException {
    long before = nanos();
    Thread.sleep(wall.toMillis());
    return Duration.ofNanos(nanos() - before);
  }
}
