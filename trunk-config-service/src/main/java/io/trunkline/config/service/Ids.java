package io.trunkline.config.service;

import io.trunkline.config.domain.error.NotFoundException;
import java.util.UUID;

/** Path ids: a malformed id names nothing, so it is a 404 rather than a 400. */
public final class Ids {
  private Ids() {}

  public static UUID parse(String id, String what) {
    try {
      UUID uuid = UUID.fromString(id);
      if (uuid.toString().equalsIgnoreCase(id)) {
        return uuid;
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw new NotFoundException("no " + what + " " + id);
  }
}
