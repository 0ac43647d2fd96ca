package io.trunkline.routing.service.inbound;

import io.trunkline.routing.service.NumberMask;

/**
 * The DID of an inbound call, normalised as outbound numbers are to E.164 (here without the plus,
 * as DID pools are written in digits): {@code +} dropped, {@code 00} is the international prefix, a
 * national number (leading {@code 0}) gets the trunk's country code. Visual separators a provider
 * may send ({@code - . ( )} and spaces) are removed.
 */
public final class DidNumbers {

  private DidNumbers() {}

  /** The normalised DID, or null when nothing dialable is left. */
  public static String normalise(String raw, String countryCode) {
    if (raw == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if ((c >= '0' && c <= '9') || c == '*' || c == '#' || (c == '+' && b.isEmpty())) {
        b.append(c);
      } else if (c != '-' && c != '.' && c != '(' && c != ')' && c != ' ') {
        return null; // letters and the like: not a number
      }
    }
    String n = b.toString();
    if (n.startsWith("+")) {
      n = n.substring(1);
    } else if (n.startsWith("00")) {
      n = n.substring(2);
    } else if (countryCode != null && n.startsWith("0") && n.length() > 1) {
      n = countryCode + n.substring(1);
    }
    return n.isEmpty() ? null : n;
  }

  /**
   * Whether the DID lies in the trunk's pool, as normalised or as the provider sent it (a pool
   * written in national digits still works). A trunk without a pool accepts none.
   */
  public static boolean inPool(NumberMask pool, String normalised, String raw) {
    if (pool.isAny() || normalised == null) {
      return false;
    }
    return pool.matches(normalised)
        || (raw != null && (pool.matches(raw) || pool.matches(raw.replace("+", ""))));
  }
}
