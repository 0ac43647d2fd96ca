package io.trunkline.config.concurrency;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.trunkline.config.GrpcClients;
import io.trunkline.config.grpc.v1.DeleteRuleRequest;
import io.trunkline.config.grpc.v1.ReplaceRuleRequest;
import io.trunkline.config.grpc.v1.RouteSpec;
import io.trunkline.config.grpc.v1.Rule;
import io.trunkline.config.grpc.v1.RuleMatch;
import io.trunkline.config.grpc.v1.RuleSpec;
import io.trunkline.config.grpc.v1.TrunkConfigGrpc.TrunkConfigBlockingStub;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * One client on the gRPC API: replaces the shared rules (with and without if_match_version),
 * creates and deletes rules of its own. With {@code cutting}, one call in four has a deadline of a
 * few milliseconds: the client gives up while the service works on it.
 */
final class GrpcClient implements Runnable {

  private final int index;
  private final Shared shared;
  private final Ledger ledger;
  private final ManagedChannel channel;
  private final boolean cutting;
  private final long deadline;
  private final Random rnd;
  private final List<String> myRules = new ArrayList<>();
  private final Map<String, Long> seen = new HashMap<>();
  private int created;

  GrpcClient(
      int index,
      Shared shared,
      Ledger ledger,
      ManagedChannel channel,
      boolean cutting,
      long deadline) {
    this.index = index;
    this.shared = shared;
    this.ledger = ledger;
    this.channel = channel;
    this.cutting = cutting;
    this.deadline = deadline;
    this.rnd = new Random(index * 104729L + System.nanoTime());
  }

  @Override
  public void run() {
    while (System.nanoTime() < deadline) {
      int dice = rnd.nextInt(100);
      if (dice < 25 || myRules.isEmpty()) {
        String name = shared.run + "-g" + index + "-r" + created++;
        Rule r = call("rule", null, "grpc CreateRule", api -> api.createRule(spec(name)));
        if (r != null) {
          myRules.add(r.getId());
          ledger.acked("rule", r.getId(), r.getVersion(), null);
          seen.put(r.getId(), r.getVersion());
        }
      } else if (dice < 70) {
        String name = shared.sharedRuleName(rnd);
        String id = shared.rules.get(name);
        ReplaceRuleRequest.Builder req =
            ReplaceRuleRequest.newBuilder().setId(id).setRule(spec(name));
        Long v = seen.get(id);
        if (v != null && rnd.nextBoolean()) {
          req.setIfMatchVersion(v);
        }
        Rule r = call("rule", id, "grpc ReplaceRule", api -> api.replaceRule(req.build()));
        if (r != null) {
          ledger.acked("rule", id, r.getVersion(), null);
          seen.put(id, r.getVersion());
        }
      } else {
        String id = myRules.remove(rnd.nextInt(myRules.size()));
        Object ok =
            call(
                "rule",
                id,
                "grpc DeleteRule",
                api -> api.deleteRule(DeleteRuleRequest.newBuilder().setId(id).build()));
        if (ok != null) {
          ledger.deleted("rule", id);
        }
      }
    }
  }

  private <T> T call(
      String entity, String id, String op, Function<TrunkConfigBlockingStub, T> rpc) {
    if (cutting && rnd.nextInt(4) == 0) {
      cut(entity, id, rpc);
      return null;
    }
    long start = System.nanoTime();
    try {
      T result = rpc.apply(GrpcClients.stub(channel, 10_000));
      ledger.answer(op, 1000, (System.nanoTime() - start) / 1_000_000, null);
      return result;
    } catch (StatusRuntimeException e) {
      long millis = (System.nanoTime() - start) / 1_000_000;
      ledger.answer(op, 1000 + e.getStatus().getCode().value(), millis, e.getStatus().toString());
      return null;
    }
  }

  /**
   * A client that gives up after a few milliseconds and closes its connection: a channel of its
   * own, shut down right after the deadline. (Cancelling hundreds of calls on one shared connection
   * instead would be a rapid-reset flood, which the server rightly answers with GOAWAY.)
   */
  private <T> void cut(String entity, String id, Function<TrunkConfigBlockingStub, T> rpc) {
    ManagedChannel own = GrpcClients.channel();
    try {
      rpc.apply(GrpcClients.stub(own, 5 + rnd.nextInt(40)));
    } catch (StatusRuntimeException e) {
      // deadline exceeded or connection closed: the outcome is unknown to this client
    } finally {
      own.shutdownNow();
    }
    ledger.uncertain(entity, id);
  }

  private RuleSpec spec(String name) {
    return RuleSpec.newBuilder()
        .setName(name)
        .setEnabled(rnd.nextBoolean())
        .setPriority(1 + rnd.nextInt(2000))
        .setMatch(RuleMatch.newBuilder().addPrefixes(shared.uniquePrefix()))
        .addRoutes(RouteSpec.newBuilder().setTrunkId(shared.sharedTrunk(rnd)))
        .build();
  }
}
