package io.trunkline.config.service;

import io.trunkline.config.domain.error.PreconditionFailedException;

/** If-Match against the stored version ({@code "3"}, {@code W/"3"} or {@code *}). */
public final class Versions {
  private Versions() {}

  public static void check(String ifMatch, long version) {
    if (ifMatch == null || ifMatch.isBlank()) {
      return;
    }
    for (String tag : ifMatch.split(",")) {
      String t = tag.trim();
      if (t.equals("*")) {
        return;
      }
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      t = t.replace("\"", "");
      if (t.equals(Long.toString(version))) {
        return;
      }
    }
    throw new PreconditionFailedException(
        "If-Match " + ifMatch + " does not match the current version " + version);
  }
}
