package io.trunkline.platform.dns;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.xbill.DNS.SRVRecord;

/**
 * The order RFC 2782 asks for: lowest priority first; within a priority, a weighted random draw
 * without replacement, so that a target with twice the weight comes first twice as often. Done
 * afresh for every resolution (never cached), so load spreads as the provider intends.
 */
final class SrvOrder {

  private SrvOrder() {}

  static List<SRVRecord> order(List<SRVRecord> records, RandomGenerator random) {
    List<SRVRecord> byPriority = new ArrayList<>(records);
    byPriority.sort(Comparator.comparingInt(SRVRecord::getPriority));
    List<SRVRecord> ordered = new ArrayList<>(records.size());
    int i = 0;
    while (i < byPriority.size()) {
      int priority = byPriority.get(i).getPriority();
      List<SRVRecord> group = new ArrayList<>();
      while (i < byPriority.size() && byPriority.get(i).getPriority() == priority) {
        group.add(byPriority.get(i++));
      }
      drawWeighted(group, random, ordered);
    }
    return ordered;
  }

  private static void drawWeighted(
      List<SRVRecord> group, RandomGenerator random, List<SRVRecord> out) {
    // RFC 2782: zero-weight records go to the front of the list; they are picked only when the
    // draw is 0, i.e. rarely while weighted records remain. Shuffled first so that equal records
    // share the load instead of following the server's answer order.
    Collections.shuffle(group, new java.util.Random(random.nextLong()));
    group.sort(Comparator.comparingInt(r -> r.getWeight() == 0 ? 0 : 1));
    while (!group.isEmpty()) {
      int sum = 0;
      for (SRVRecord r : group) {
        sum += r.getWeight();
      }
      int draw = sum == 0 ? 0 : random.nextInt(sum + 1);
      int running = 0;
      for (int j = 0; j < group.size(); j++) {
        running += group.get(j).getWeight();
        if (running >= draw) {
          out.add(group.remove(j));
          break;
        }
      }
    }
  }
}
