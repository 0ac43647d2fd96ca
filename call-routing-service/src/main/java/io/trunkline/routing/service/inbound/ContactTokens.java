package io.trunkline.routing.service.inbound;

/**
 * Whether a Request-URI user is a trunk's Contact token: the port onto the key ring that
 * registration-service's tokens come from. After a key rotation a provider may still call the
 * Contact registered under the old key, so every key held counts.
 */
@FunctionalInterface
public interface ContactTokens {

  /** No key held: no token is any trunk's. */
  ContactTokens NONE = (token, trunkId) -> false;

  /** Whether {@code token} is trunk {@code trunkId}'s token (compared in constant time). */
  boolean isTokenOf(String token, String trunkId);
}
