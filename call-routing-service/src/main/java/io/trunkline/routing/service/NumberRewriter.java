package io.trunkline.routing.service;

/**
 * Number rewriting: {@code prepend + dialled[stripDigits:]}, then the trunk's numberFormat, then
 * its techPrefix.
 */
public final class NumberRewriter {

  private NumberRewriter() {}

  /** The number a route sends to its trunk. */
  public static String rewrite(String dialled, int stripDigits, String prepend, Trunk trunk) {
    String n = dialled.substring(Math.min(Math.max(stripDigits, 0), dialled.length()));
    if (prepend != null) {
      n = prepend + n;
    }
    n = format(n, trunk.numberFormat(), trunk.countryCode());
    return trunk.techPrefix() == null ? n : trunk.techPrefix() + n;
  }

  /**
   * E164: {@code +} numbers stay; {@code 00} is the international prefix; a national number (a
   * leading {@code 0} trunk prefix is dropped) gets the trunk's countryCode unless it already
   * starts with it. E164_NO_PLUS is the same without the plus.
   */
  static String format(String n, String numberFormat, String countryCode) {
    if (numberFormat == null || "AS_DIALED".equals(numberFormat) || n.isEmpty()) {
      return n;
    }
    String e164;
    if (n.startsWith("+")) {
      e164 = n;
    } else if (n.startsWith("00")) {
      e164 = "+" + n.substring(2);
    } else if (countryCode == null) {
      e164 = "+" + n;
    } else if (n.startsWith("0")) {
      e164 = "+" + countryCode + n.substring(1);
    } else if (n.startsWith(countryCode) && n.length() > 10) {
      e164 = "+" + n;
    } else {
      e164 = "+" + countryCode + n;
    }
    return "E164_NO_PLUS".equals(numberFormat) ? e164.substring(1) : e164;
  }
}
