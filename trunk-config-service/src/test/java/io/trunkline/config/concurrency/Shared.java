package io.trunkline.config.concurrency;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What all clients contend on: shared trunks, shared rule names, every trunk anyone created. */
final class Shared {

  final String run;
  final List<String> trunks;

  /** Shared rule name -> its current id as last seen (deleted and re-created by clients). */
  final Map<String, String> rules = new ConcurrentHashMap<>();

  final Set<String> allTrunks = ConcurrentHashMap.newKeySet();
  private final AtomicInteger prefix = new AtomicInteger(100_000);

  Shared(String run, List<String> trunks) {
    this.run = run;
    this.trunks = trunks;
    allTrunks.addAll(trunks);
  }

  String sharedTrunk(Random rnd) {
    return trunks.get(rnd.nextInt(trunks.size()));
  }

  /** Any trunk some client created (it may have been deleted since). */
  String anyTrunk(Random rnd) {
    List<String> all = new ArrayList<>(allTrunks);
    return all.get(rnd.nextInt(all.size()));
  }

  String sharedRuleName(Random rnd) {
    List<String> names = new ArrayList<>(rules.keySet());
    return names.get(rnd.nextInt(names.size()));
  }

  /** A prefix no other rule has. */
  String uniquePrefix() {
    return "8" + prefix.incrementAndGet();
  }
}
