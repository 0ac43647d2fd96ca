package io.trunkline.config.service;

import io.trunkline.config.config.TrunklineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** Checks {@code Authorization: Bearer <key>} against the configured static keys. */
@ApplicationScoped
public class ApiKeys {

  private static final String BEARER = "bearer ";
  private final List<byte[]> keys;

  public ApiKeys(TrunklineConfig config) {
    this.keys =
        config.api().keys().stream()
            .map(String::trim)
            .filter(k -> !k.isEmpty())
            .map(k -> k.getBytes(StandardCharsets.UTF_8))
            .toList();
  }

  /** True when the header carries one of the keys (compared in constant time). */
  public boolean accepts(String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
    boolean ok = false;
    for (byte[] key : keys) {
      ok |= MessageDigest.isEqual(key, given);
    }
    return ok;
  }
}
