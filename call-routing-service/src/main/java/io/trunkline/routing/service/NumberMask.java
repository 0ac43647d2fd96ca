package io.trunkline.routing.service;

import java.util.ArrayList;
import java.util.List;

/**
 * PortSIP number syntax {@code 101-110;199}: single numbers and inclusive ranges separated by
 * {@code ;} or {@code ,}. A single entry matches the exact string; a range matches a number of
 * digits whose numeric value lies inside it and whose length is between the bounds' lengths.
 */
public final class NumberMask {

  private static final NumberMask ANY = new NumberMask(List.of(), List.of());

  private final List<String> exact;
  private final List<long[]> ranges;

  private NumberMask(List<String> exact, List<long[]> ranges) {
    this.exact = exact;
    this.ranges = ranges;
  }

  /** Parses a mask; null or blank gives the mask that matches everything. */
  public static NumberMask parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return ANY;
    }
    List<String> exact = new ArrayList<>();
    List<long[]> ranges = new ArrayList<>();
    for (String part : spec.split("[;,]")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int dash = p.indexOf('-', 1);
      if (dash > 0 && isDigits(p.substring(0, dash)) && isDigits(p.substring(dash + 1))) {
        String lo = p.substring(0, dash);
        String hi = p.substring(dash + 1);
        if (lo.length() <= 18 && hi.length() <= 18) {
          ranges.add(
              new long[] {
                Long.parseLong(lo),
                Long.parseLong(hi),
                Math.min(lo.length(), hi.length()),
                Math.max(lo.length(), hi.length())
              });
          continue;
        }
      }
      exact.add(p);
    }
    return new NumberMask(List.copyOf(exact), List.copyOf(ranges));
  }

  /** Whether this mask places no condition. */
  public boolean isAny() {
    return exact.isEmpty() && ranges.isEmpty();
  }

  /** Whether the number lies inside the mask. */
  public boolean matches(String number) {
    if (isAny()) {
      return true;
    }
    if (number == null) {
      return false;
    }
    for (String e : exact) {
      if (e.equals(number)) {
        return true;
      }
    }
    if (!ranges.isEmpty() && isDigits(number) && number.length() <= 18) {
      long v = Long.parseLong(number);
      int len = number.length();
      for (long[] r : ranges) {
        if (v >= r[0] && v <= r[1] && len >= r[2] && len <= r[3]) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
