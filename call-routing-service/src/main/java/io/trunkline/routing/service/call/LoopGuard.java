package io.trunkline.routing.service.call;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Ends loops through the B2BUA. Max-Forwards goes down by one on every new leg and a request that
 * arrives with none left gets 483. Each INVITE this cluster sends carries its marker (its cluster
 * id) after the markers it arrived with, and an INVITE that arrives carrying this cluster's marker
 * gets 482: a loop through another Trunkline cluster, or a provider that sends calls back with
 * their headers, ends on its second visit instead of its 70th. The marker is the cluster id alone,
 * whatever the Request-URI: a call that legitimately comes back with another number (a spiral) is
 * rare on trunks and would be refused too; {@code trunkline.loop.marker=false} leaves such
 * deployments to Max-Forwards alone.
 */
public class LoopGuard {

  /** Why a request is refused before routing, and with which SIP code. */
  public enum Verdict {
    PASS(0, null),
    TOO_MANY_HOPS(483, "Too Many Hops"),
    LOOP_DETECTED(482, "Loop Detected");

    public final int code;
    public final String phrase;

    Verdict(int code, String phrase) {
      this.code = code;
      this.phrase = phrase;
    }
  }

  /** Markers of earlier clusters carried on (the newest ones): bounds the header's size. */
  static final int MAX_CARRIED_MARKS = 15;

  /** What a cluster id may look like (it goes into a header as it is). */
  public static final Pattern MARK = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final String clusterId;
  private final boolean marker;

  /** A guard with the given cluster id (null: a random one) and marker on or off. */
  public LoopGuard(String clusterId, boolean marker) {
    if (clusterId != null && !MARK.matcher(clusterId).matches()) {
      throw new IllegalArgumentException(
          "trunkline.loop.cluster-id must be 1-64 of A-Z a-z 0-9 . _ -");
    }
    this.clusterId = clusterId != null ? clusterId : randomId();
    this.marker = marker;
  }

  private static String randomId() {
    byte[] b = new byte[8];
    new SecureRandom().nextBytes(b);
    return "tl-" + HexFormat.of().formatHex(b);
  }

  /** This cluster's marker. */
  public String clusterId() {
    return clusterId;
  }

  /** Whether a new request may be taken on: 483 without hops left, 482 when it is ours again. */
  public Verdict check(Hops in) {
    if (in.maxForwards() <= 0) {
      return Verdict.TOO_MANY_HOPS;
    }
    if (marker && in.marks().contains(clusterId)) {
      return Verdict.LOOP_DETECTED;
    }
    return Verdict.PASS;
  }

  /** The hops of the request sent on the next leg: one forward fewer (at most 70), our marker. */
  public Hops next(Hops in) {
    int mf = Math.min(in.maxForwards() - 1, Hops.INITIAL);
    if (!marker) {
      return new Hops(mf, List.of());
    }
    List<String> carried = in.marks();
    List<String> marks =
        new ArrayList<>(
            carried.subList(Math.max(0, carried.size() - MAX_CARRIED_MARKS), carried.size()));
    marks.add(clusterId);
    return new Hops(mf, marks);
  }
}
