package io.trunkline.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.registration.support.SipPortResource;
import io.trunkline.registration.support.TestRegistrar;
import io.trunkline.registration.support.TrunkFeed;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Storm control: 2,000 trunks published at once all register against a SIPp registrar, and the
 * REGISTER rate SIPp sees never exceeds the configured maximum by more than 10 %.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(SipPortResource.class)
@Order(5)
class StormControlTest {

  static final int TRUNKS = 2000;
  static Process sipp;
  static Path dir;
  static int port;
  static TrunkFeed feed;

  @ConfigProperty(name = "trunkline.registration.max-register-rate")
  double maxRate;

  @BeforeAll
  static void startSipp() throws Exception {
    dir = Files.createTempDirectory("storm-sipp");
    port = TestRegistrar.freeSipPort();
    Path scenario = projectRoot().resolve("deploy/loadtest/registration/registrar.xml");
    sipp =
        new ProcessBuilder(
                "sipp",
                "-sf",
                scenario.toString(),
                "-i",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-t",
                "u1",
                "-nostdin",
                "-trace_logs",
                "-log_file",
                dir.resolve("registers.log").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sipp.out").toFile())
            .start();
    feed = new TrunkFeed(KafkaBrokerResource.broker().bootstrapServers());
    Thread.sleep(500);
    assertThat(sipp.isAlive()).as("sipp is running").isTrue();
  }

  @AfterAll
  static void stopSipp() throws Exception {
    feed.close();
    sipp.destroy();
    sipp.waitFor(10, TimeUnit.SECONDS);
  }

  static Path projectRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(p.resolve("deploy/loadtest"))) {
      p = p.getParent();
    }
    return p;
  }

  @Test
  void twoThousandTrunksAtOnceRegisterWithinTheRateLimit() throws Exception {
    List<ObjectNode> trunks = new ArrayList<>();
    for (int i = 0; i < TRUNKS; i++) {
      ObjectNode t = TrunkFeed.trunk("storm" + i, port, "pw");
      t.put("name", "storm-" + i);
      trunks.add(t);
    }
    feed.publishAll(trunks);

    Duration expected = Duration.ofSeconds((long) (TRUNKS / maxRate) + 30);
    await()
        .atMost(expected)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> trunks.stream().allMatch(t -> registered(t.get("id").asText())));

    // One line per REGISTER received: "<ms since start> <Call-ID> <CSeq>"; retransmissions once.
    Set<String> transactions = new HashSet<>();
    List<Long> ticks = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("registers.log"))) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 3 && transactions.add(f[1] + " " + f[2])) {
        ticks.add(Long.parseLong(f[0]));
      }
    }
    assertThat(ticks).hasSize(TRUNKS);
    ticks.sort(null);
    int maxInOneSecond = 0;
    int start = 0;
    for (int end = 0; end < ticks.size(); end++) {
      while (ticks.get(end) - ticks.get(start) >= 1000) {
        start++;
      }
      maxInOneSecond = Math.max(maxInOneSecond, end - start + 1);
    }
    TreeMap<String, Object> report = new TreeMap<>();
    report.put("maxPerSecond", maxInOneSecond);
    report.put("durationMs", ticks.get(ticks.size() - 1) - ticks.get(0));
    System.out.println("storm control: " + report);
    assertThat(maxInOneSecond).isLessThanOrEqualTo((int) Math.floor(maxRate * 1.1));
    // And it is paced, not trickling: the whole storm takes about TRUNKS / rate.
    assertThat(ticks.get(ticks.size() - 1) - ticks.get(0))
        .isLessThan((long) (TRUNKS / maxRate * 1000 * 1.5));
  }

  private static boolean registered(String id) {
    JsonNode s = feed.lastStatus(id);
    return s != null && "REGISTERED".equals(s.get("registration").asText());
  }
}
