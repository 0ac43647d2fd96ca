package io.trunkline.routing.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Port to the DNS side of routing: turns a trunk whose host (or outbound proxy) is a domain name
 * into the addresses to try. A trunk with an IP literal never comes here; it is sent to as
 * configured.
 */
public interface TrunkDestinations {

  /** Whether the trunk's next hop is a domain name that has to be resolved. */
  boolean needsLookup(Trunk t);

  /**
   * What is known without waiting: fresh targets, the last failure (a trunk stays unavailable with
   * reason {@code dns} until a lookup succeeds), or null when nothing fresh is known. Never blocks;
   * a miss starts a lookup in the background.
   */
  TrunkTargets known(Trunk t);

  /** Resolves the trunk (from the cache when fresh); completes on another thread. */
  CompletionStage<TrunkTargets> lookUp(Trunk t);

  /** What the last lookup of the trunk's name gave, fresh or not (status pages); null: none. */
  TrunkTargets lastKnown(Trunk t);

  /** For routers without DNS (tests of the rules): every host is sent to as configured. */
  static TrunkDestinations literalOnly() {
    return new TrunkDestinations() {
      @Override
      public boolean needsLookup(Trunk t) {
        return false;
      }

      @Override
      public TrunkTargets known(Trunk t) {
        return null;
      }

      @Override
      public TrunkTargets lastKnown(Trunk t) {
        return null;
      }

      @Override
      public CompletionStage<TrunkTargets> lookUp(Trunk t) {
        return CompletableFuture.failedFuture(new IllegalStateException("no DNS"));
      }
    };
  }
}
