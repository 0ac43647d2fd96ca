package io.trunkline.config.domain.validation;

import java.math.BigInteger;

/** Membership in a (valid) PortSIP number list such as {@code 101;203;300-450}. */
public final class NumberList {

  private NumberList() {}

  public static boolean contains(String list, String number) {
    BigInteger n = new BigInteger(number.replace("+", ""));
    for (String item : list.split(";")) {
      String t = item.trim();
      int dash = t.indexOf('-', 1);
      if (dash < 0) {
        if (new BigInteger(t.replace("+", "")).equals(n)) {
          return true;
        }
      } else {
        BigInteger low = new BigInteger(t.substring(0, dash).trim().replace("+", ""));
        BigInteger high = new BigInteger(t.substring(dash + 1).trim().replace("+", ""));
        if (n.compareTo(low) >= 0 && n.compareTo(high) <= 0) {
          return true;
        }
      }
    }
    return false;
  }
}
