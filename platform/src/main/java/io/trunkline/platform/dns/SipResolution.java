package io.trunkline.platform.dns;

import java.util.List;

/**
 * The outcome of resolving a {@link SipLookup}: either the targets in the order to try them, or the
 * reason there are none. A failed lookup is an ordinary outcome, not an exception, so that a caller
 * marks the trunk unavailable with reason {@code dns} and carries on.
 *
 * @param lookup what was resolved
 * @param targets the targets in order (priority, weighted choice within a priority, address family
 *     preference); empty exactly when {@code failure} is set
 * @param failure why there is no target, or null
 */
public record SipResolution(SipLookup lookup, List<SipTarget> targets, DnsFailure failure) {

  public SipResolution {
    targets = List.copyOf(targets);
    if ((failure == null) == targets.isEmpty()) {
      throw new IllegalArgumentException("either targets or a failure");
    }
  }

  static SipResolution of(SipLookup lookup, List<SipTarget> targets) {
    return new SipResolution(lookup, targets, null);
  }

  static SipResolution failed(SipLookup lookup, DnsFailure failure) {
    return new SipResolution(lookup, List.of(), failure);
  }

  public boolean isResolved() {
    return failure == null;
  }

  /** {@code "dns"} when the lookup failed, else null. */
  public String failureReason() {
    return failure == null ? null : failure.reason();
  }
}
