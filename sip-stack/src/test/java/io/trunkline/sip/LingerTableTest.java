package io.trunkline.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The linger table on its own event loop: lookups, growth and the expiry sweep. */
class LingerTableTest {
  final Vertx vertx = Vertx.vertx();
  final Context context = vertx.getOrCreateContext();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  /** Runs the check on the table's event loop, as the stack does. */
  void onLoop(Consumer<LingerTable> check) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(
        v -> {
          try {
            check.accept(new LingerTable(new TimerWheel(vertx, 10), 16));
            done.complete(null);
          } catch (Throwable e) {
            done.completeExceptionally(e);
          }
        });
    done.get(30, TimeUnit.SECONDS);
  }

  @Test
  void keysAreFoundWithTheirPayload() throws Exception {
    onLoop(
        t -> {
          byte[] ok = "SIP/2.0 200 OK".getBytes();
          t.put("z9hG4bK-1|127.0.0.1:5060|BYE", 60_000, ok);
          t.put("z9hG4bK-1|127.0.0.1:5060|INVITE", 60_000, LingerTable.ABSORB);
          assertThat(t.get("z9hG4bK-1|127.0.0.1:5060|BYE")).isSameAs(ok);
          assertThat(t.get("z9hG4bK-1|127.0.0.1:5060|INVITE")).isSameAs(LingerTable.ABSORB);
          assertThat(t.get("z9hG4bK-2|127.0.0.1:5060|BYE")).isNull();
          t.put("z9hG4bK-1|127.0.0.1:5060|INVITE", 60_000, ok); // same key: replaced, not added
          assertThat(t.get("z9hG4bK-1|127.0.0.1:5060|INVITE")).isSameAs(ok);
          assertThat(t.size()).isEqualTo(2);
        });
  }

  @Test
  void growsPastItsCapacityAndKeepsEveryKey() throws Exception {
    onLoop(
        t -> {
          for (int i = 0; i < 100_000; i++) {
            t.put("k" + i, 60_000, LingerTable.ABSORB);
          }
          assertThat(t.size()).isEqualTo(100_000);
          for (int i = 0; i < 100_000; i++) {
            assertThat(t.get("k" + i)).as("k%d", i).isNotNull();
          }
          assertThat(t.get("k100000")).isNull();
        });
  }

  @Test
  void theSweepForgetsExpiredKeysAndKeepsTheOthers() throws Exception {
    onLoop(
        t -> {
          for (int i = 0; i < 1000; i++) {
            t.put("old" + i, 0, LingerTable.ABSORB);
            t.put("new" + i, 60_000, LingerTable.ABSORB);
          }
          assertThat(t.get("old1")).isNull(); // expired even before a sweep
          t.onTimer(null);
          assertThat(t.size()).isEqualTo(1000);
          assertThat(t.size()).isEqualTo(1000);
          // deleted slots are reused: many rounds of put and sweep leave the size bounded
          for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 1000; i++) {
              t.put("r" + round + "-" + i, 0, LingerTable.ABSORB);
            }
            t.onTimer(null);
          }
          assertThat(t.size()).isEqualTo(1000);
          for (int i = 0; i < 1000; i++) {
            assertThat(t.get("new" + i)).isNotNull();
          }
        });
  }

  @Test
  void onceEveryKeyExpiredTheTableShrinksBack() throws Exception {
    onLoop(
        t -> {
          int small = t.capacity();
          for (int i = 0; i < 50_000; i++) {
            t.put("k" + i, 0, LingerTable.ABSORB);
          }
          assertThat(t.capacity()).isGreaterThan(small);
          t.onTimer(null);
          assertThat(t.size()).isZero();
          assertThat(t.capacity()).isEqualTo(small);
          t.put("again", 60_000, LingerTable.ABSORB);
          assertThat(t.get("again")).isNotNull();
        });
  }
}
