package io.trunkline.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.routing.StateFeeder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Route order per strategy, with trunks and rules fed as contract JSON. */
class StrategyTest {

  final ObjectMapper json = new ObjectMapper();
  final StateStore store = new StateStore(StateFeeder.keyRing(), json);
  final TrunkUsage usage = new TrunkUsage();
  final RouteResolver resolver = new RouteResolver(store, usage);

  @SafeVarargs
  final void setUp(String strategy, List<Integer> weights, Map<String, Object>... trunks)
      throws Exception {
    for (Map<String, Object> t : trunks) {
      store.applyTrunk((String) t.get("id"), json.writeValueAsString(t));
    }
    Map<String, Object> r = StateFeeder.rule("s", "5", 0, null, trunks);
    r.put("strategy", strategy);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> routes = (List<Map<String, Object>>) r.get("routes");
    for (int i = 0; i < routes.size(); i++) {
      routes.get(i).put("weight", weights.get(i));
    }
    store.applyRule((String) r.get("id"), json.writeValueAsString(r));
    store.publish();
  }

  List<String> order() {
    return resolver.resolve("1", "5000").candidates().stream().map(c -> c.trunk().name()).toList();
  }

  @Test
  void prioritizedKeepsTheListedOrder() throws Exception {
    setUp(
        "PRIORITIZED",
        List.of(1, 1, 1),
        StateFeeder.trunk("a", 1),
        StateFeeder.trunk("b", 2),
        StateFeeder.trunk("c", 3));
    assertThat(order()).containsExactly("a", "b", "c");
  }

  @Test
  void leastBusyPutsTheTrunkWithFewestCallsFirst() throws Exception {
    Map<String, Object> a = StateFeeder.trunk("a", 1);
    Map<String, Object> b = StateFeeder.trunk("b", 2);
    setUp("LEAST_BUSY", List.of(1, 1), a, b);
    Trunk ta = store.snapshot().trunks().get((String) a.get("id"));
    usage.tryAcquire(ta);
    assertThat(order()).containsExactly("b", "a");
    usage.release(ta.id());
    assertThat(order()).containsExactly("a", "b");
  }

  @Test
  void weightedFirstChoiceFollowsTheWeights() throws Exception {
    setUp("WEIGHTED", List.of(9, 1), StateFeeder.trunk("heavy", 1), StateFeeder.trunk("light", 2));
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < 4000; i++) {
      List<String> o = order();
      assertThat(o).containsExactlyInAnyOrder("heavy", "light");
      first.merge(o.get(0), 1, Integer::sum);
    }
    // Expected 90 % heavy; 4000 draws keep it well inside 85-95 %.
    assertThat(first.get("heavy")).isBetween(3400, 3800);
  }

  @Test
  void randomUsesEveryOrder() throws Exception {
    setUp("RANDOM", List.of(1, 1), StateFeeder.trunk("a", 1), StateFeeder.trunk("b", 2));
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < 400; i++) {
      first.merge(order().get(0), 1, Integer::sum);
    }
    assertThat(first.get("a")).isBetween(120, 280);
  }
}
