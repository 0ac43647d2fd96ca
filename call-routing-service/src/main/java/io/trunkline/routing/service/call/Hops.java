package io.trunkline.routing.service.call;

import java.util.List;

/**
 * What a request tells about the way it came: its Max-Forwards and the loop markers of the
 * Trunkline clusters it passed through, oldest first. A B2BUA starts a fresh request on each leg,
 * so unless these are carried across, a loop through it never ends (RFC 7332).
 */
public record Hops(int maxForwards, List<String> marks) {

  /** The Max-Forwards a request starts with (RFC 3261 8.1.1.6). */
  public static final int INITIAL = 70;

  public Hops {
    marks = List.copyOf(marks);
  }

  /** A request that says nothing: it starts here. */
  public static Hops fresh() {
    return new Hops(INITIAL, List.of());
  }
}
