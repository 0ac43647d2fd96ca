package io.trunkline.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.routing.service.TrunkBreakers.State;
import io.trunkline.routing.service.call.Hops;
import io.trunkline.routing.service.call.LoopGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The rules behind loop protection and the storm guards, on a test clock. */
class LoopAndStormRulesTest {

  @Test
  void ownAddressesMatchLiteralsLocalhostAndWildcardsButNothingElse() {
    OwnSipAddresses own =
        new OwnSipAddresses(List.of("127.0.0.1:5060", "sip.trunkline.test", "[::1]:5070"));
    assertThat(own.isOwn("127.0.0.1", 5060)).isTrue();
    assertThat(own.isOwn("localhost", 5060)).isTrue();
    assertThat(own.isOwn("0.0.0.0", 5060)).isTrue(); // as a destination: this host
    assertThat(own.isOwn("SIP.TrunkLine.test.", 5060)).isTrue();
    assertThat(own.isOwn("0:0:0:0:0:0:0:1", 5070)).isTrue();
    assertThat(own.isOwn("[::1]", 5070)).isTrue();
    assertThat(own.isOwn("127.0.0.1", 5061)).isFalse();
    assertThat(own.isOwn("127.0.0.2", 5060)).isFalse(); // bound to 127.0.0.1 only
    assertThat(own.isOwn("::1", 5060)).isFalse();
    assertThat(own.isOwn("sip.trunkline.test", 5070)).isFalse();
    assertThat(own.isOwn("300.1.2.3", 5060)).isFalse(); // not an address: no DNS either

    OwnSipAddresses wildcard = new OwnSipAddresses(List.of("0.0.0.0:5080"));
    assertThat(wildcard.isOwn("127.0.0.9", 5080)).isTrue();
    assertThat(wildcard.isOwn("localhost", 5080)).isTrue();
    assertThat(wildcard.isOwn("0.0.0.0", 5080)).isTrue();
    assertThat(wildcard.isOwn("203.0.113.7", 5080)).isFalse(); // not an interface here
    assertThat(wildcard.isOwn("127.0.0.1", 5060)).isFalse();

    OwnSipAddresses later = new OwnSipAddresses(List.of());
    assertThat(later.isOwn("127.0.0.1", 40000)).isFalse();
    later.bound("127.0.0.1", 40000); // the port a port-0 bind got
    assertThat(later.isOwn("127.0.0.1", 40000)).isTrue();
  }

  @Test
  void maxForwardsGoesDownByOneAtMost70AndZeroOrOurMarkerIsRefused() {
    LoopGuard guard = new LoopGuard("cluster-a", true);
    assertThat(guard.check(new Hops(1, List.of()))).isEqualTo(LoopGuard.Verdict.PASS);
    assertThat(guard.check(new Hops(0, List.of()))).isEqualTo(LoopGuard.Verdict.TOO_MANY_HOPS);
    assertThat(guard.check(new Hops(70, List.of("x", "cluster-a"))))
        .isEqualTo(LoopGuard.Verdict.LOOP_DETECTED);
    assertThat(guard.next(new Hops(10, List.of("x"))))
        .isEqualTo(new Hops(9, List.of("x", "cluster-a")));
    assertThat(guard.next(new Hops(255, List.of())).maxForwards()).isEqualTo(70);

    List<String> many = IntStream.range(0, 40).mapToObj(i -> "c" + i).toList();
    Hops out = guard.next(new Hops(70, many));
    assertThat(out.marks()).hasSize(16).endsWith("c39", "cluster-a"); // the newest are kept

    LoopGuard off = new LoopGuard("cluster-a", false);
    assertThat(off.check(new Hops(5, List.of("cluster-a")))).isEqualTo(LoopGuard.Verdict.PASS);
    assertThat(off.next(new Hops(5, List.of("x")))).isEqualTo(new Hops(4, List.of()));
    // Two processes without a configured id never share one.
    assertThat(new LoopGuard(null, true).clusterId())
        .isNotEqualTo(new LoopGuard(null, true).clusterId());
  }

  @Test
  void theTotalCeilingCountsWholeSeconds() {
    AtomicLong now = new AtomicLong(10_000);
    CallRateCeiling admission = new CallRateCeiling(3, 1, now::get);
    List<Boolean> admitted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      admitted.add(admission.tryAdmit());
    }
    assertThat(admitted).containsExactly(true, true, true, false, false);
    now.addAndGet(1000);
    assertThat(admission.tryAdmit()).isTrue();
  }

  @Test
  void aBreakerOpensOnAFailureStormThenLetsOneCallTry() {
    AtomicLong now = new AtomicLong(1_000_000);
    TrunkBreakers b = new TrunkBreakers(3, 0.5, 10, 2_000, now::get);
    String t = "trunk";
    attempt(b, t, false);
    attempt(b, t, true);
    attempt(b, t, true);
    assertThat(b.state(t)).isEqualTo(State.CLOSED); // 2 failures: under the count
    attempt(b, t, true);
    assertThat(b.state(t)).isEqualTo(State.OPEN); // 3 of 4 failed
    assertThat(b.skipReason(t)).isEqualTo("circuit_open");
    assertThat(b.tryPass(t)).isFalse();

    now.addAndGet(2_000);
    assertThat(b.state(t)).isEqualTo(State.HALF_OPEN);
    assertThat(b.skipReason(t)).isNull();
    assertThat(b.tryPass(t)).isTrue(); // the one trial
    assertThat(b.tryPass(t)).isFalse();
    assertThat(b.skipReason(t)).isEqualTo("circuit_open");
    b.abandon(t); // cancelled: tells nothing, another call may try
    assertThat(b.tryPass(t)).isTrue();
    b.record(t, true);
    assertThat(b.state(t)).isEqualTo(State.OPEN);

    now.addAndGet(2_000);
    assertThat(b.tryPass(t)).isTrue();
    b.record(t, false);
    assertThat(b.state(t)).isEqualTo(State.CLOSED);
  }

  @Test
  void failuresAmongManyGoodCallsOrOutsideTheWindowDoNotOpenIt() {
    AtomicLong now = new AtomicLong(1_000_000);
    TrunkBreakers b = new TrunkBreakers(3, 0.5, 10, 2_000, now::get);
    for (int i = 0; i < 10; i++) {
      attempt(b, "busy", false);
    }
    for (int i = 0; i < 5; i++) {
      attempt(b, "busy", true);
    }
    assertThat(b.state("busy")).isEqualTo(State.CLOSED); // 5 of 15: a third failed

    attempt(b, "slow", true);
    attempt(b, "slow", true);
    now.addAndGet(11_000);
    attempt(b, "slow", true);
    assertThat(b.state("slow")).isEqualTo(State.CLOSED); // only one failure in the last 10 s
    assertThat(TrunkBreakers.isFailure(486)).isFalse();
    assertThat(TrunkBreakers.isFailure(503)).isTrue();
    assertThat(TrunkBreakers.isFailure(408)).isTrue();
    assertThat(TrunkBreakers.isFailure(482)).isTrue();
  }

  private static void attempt(TrunkBreakers b, String trunk, boolean failed) {
    assertThat(b.tryPass(trunk)).isTrue();
    b.record(trunk, failed);
  }
}
