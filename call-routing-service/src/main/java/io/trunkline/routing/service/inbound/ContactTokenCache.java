package io.trunkline.routing.service.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Contact tokens checked against each trunk's expected tokens (one per key held), computed once per
 * trunk: an INVITE on the SIP event loop only compares, in constant time, instead of computing an
 * HMAC per key. The keys do not change while the service runs, so a trunk's tokens never go stale;
 * the cache starts over when it holds more trunks than {@link #MAX_TRUNKS} (deleted trunks would
 * otherwise stay in it for ever).
 */
public final class ContactTokenCache implements ContactTokens {

  /** Trunks whose tokens are kept at most. */
  static final int MAX_TRUNKS = 100_000;

  private final Function<String, List<String>> tokensOf;
  private final Map<String, List<byte[]>> expected = new ConcurrentHashMap<>();

  /** tokensOf: a trunk id's tokens under every key held (the key ring's contactTokens). */
  public ContactTokenCache(Function<String, List<String>> tokensOf) {
    this.tokensOf = tokensOf;
  }

  @Override
  public boolean isTokenOf(String token, String trunkId) {
    if (token == null || trunkId == null) {
      return false;
    }
    byte[] given = token.getBytes(StandardCharsets.US_ASCII);
    boolean match = false;
    for (byte[] mine : expectedOf(trunkId)) {
      match |= MessageDigest.isEqual(mine, given);
    }
    return match;
  }

  private List<byte[]> expectedOf(String trunkId) {
    List<byte[]> mine = expected.get(trunkId);
    if (mine != null) {
      return mine;
    }
    if (expected.size() >= MAX_TRUNKS) {
      expected.clear();
    }
    return expected.computeIfAbsent(
        trunkId,
        id -> tokensOf.apply(id).stream().map(t -> t.getBytes(StandardCharsets.US_ASCII)).toList());
  }
}
