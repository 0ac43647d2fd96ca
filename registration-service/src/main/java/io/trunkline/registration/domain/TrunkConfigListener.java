package io.trunkline.registration.domain;

import java.util.Collection;

/** Receives the trunks of the partitions this replica is assigned. */
public interface TrunkConfigListener {

  /** A newly assigned partition was read from its start: the latest value of each trunk. */
  void partitionLoaded(int partition, Collection<TrunkConfig> trunks);

  /** A live change in an assigned, loaded partition. */
  void upsert(int partition, TrunkConfig trunk);

  /** A live tombstone in an assigned, loaded partition. */
  void delete(int partition, String trunkId);

  /** Partitions taken away by a rebalance: stop their trunks without unregistering. */
  void revoked(Collection<Integer> partitions);
}
