package io.trunkline.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimerWheelTest {
  final Vertx vertx = Vertx.vertx();
  final Context context = vertx.getOrCreateContext();

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  void onLoop(Runnable r) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(
        v -> {
          r.run();
          done.complete(null);
        });
    done.get(5, TimeUnit.SECONDS);
  }

  @Test
  void firesInOrderCancelsAndRearms() throws Exception {
    List<String> fired = new CopyOnWriteArrayList<>();
    long start = System.nanoTime();
    List<Long> at = new CopyOnWriteArrayList<>();
    TimerWheel[] wheel = new TimerWheel[1];
    TimerWheel.Timer[] rearm = new TimerWheel.Timer[1];
    int[] count = {0};
    onLoop(
        () -> {
          wheel[0] = new TimerWheel(vertx, 5);
          TimerWheel.Timer a = new TimerWheel.Timer(t -> fired.add("a"));
          TimerWheel.Timer b = new TimerWheel.Timer(t -> fired.add("b"));
          TimerWheel.Timer c = new TimerWheel.Timer(t -> fired.add("c"));
          TimerWheel.Timer far = new TimerWheel.Timer(t -> fired.add("far"));
          rearm[0] =
              new TimerWheel.Timer(
                  t -> {
                    at.add((System.nanoTime() - start) / 1_000_000);
                    if (++count[0] < 3) {
                      wheel[0].schedule(t, 20);
                    }
                  });
          wheel[0].schedule(b, 60);
          wheel[0].schedule(a, 20);
          wheel[0].schedule(c, 40);
          wheel[0].cancel(c);
          wheel[0].schedule(far, 3000); // beyond one turn of the wheel (512 x 5 ms)
          wheel[0].schedule(rearm[0], 20);
        });
    Thread.sleep(300);
    assertThat(fired).containsExactly("a", "b");
    assertThat(at).hasSize(3);
    assertThat(at.get(2)).isGreaterThanOrEqualTo(60);
    Thread.sleep(2900);
    assertThat(fired).containsExactly("a", "b", "far");
    onLoop(() -> assertThat(wheel[0].size()).isZero());
  }
}
