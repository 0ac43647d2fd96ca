package io.trunkline.routing.service;

import java.util.List;

/**
 * Where a trunk's requests can go right now, in the order to try them (DNS SRV priority and weight,
 * then address family), or why there is nowhere: {@code failureReason} is {@value #DNS} when the
 * trunk's host did not resolve, and {@code detail} says which name and record failed (for logs).
 */
public record TrunkTargets(List<Target> targets, String failureReason, String detail) {

  /** The skip and failure reason of a trunk whose host does not resolve. */
  public static final String DNS = "dns";

  /**
   * One place to send to.
   *
   * @param address an IP literal (no brackets)
   * @param port the port DNS (SRV) or the trunk gave
   * @param transport {@code UDP}, {@code TCP} or {@code TLS}
   * @param serverName the trunk's own host name (TLS SNI and certificate checks use it, never the
   *     SRV target)
   */
  public record Target(String address, int port, String transport, String serverName) {}

  public TrunkTargets {
    targets = List.copyOf(targets);
  }

  public static TrunkTargets of(List<Target> targets) {
    return new TrunkTargets(targets, null, null);
  }

  public static TrunkTargets failed(String detail) {
    return new TrunkTargets(List.of(), DNS, detail);
  }

  public boolean failed() {
    return failureReason != null;
  }
}
