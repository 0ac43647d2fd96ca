package io.trunkline.config.ruleimport;

import static io.restassured.RestAssured.given;
import static io.trunkline.config.TestSupport.KEY;
import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.count;
import static io.trunkline.config.TestSupport.createTrunk;
import static io.trunkline.config.TestSupport.name;
import static io.trunkline.config.ruleimport.ImportCalls.PATH;
import static io.trunkline.config.ruleimport.ImportCalls.line;
import static io.trunkline.config.ruleimport.ImportCalls.send;
import static io.trunkline.config.ruleimport.ImportCalls.storedByName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.trunkline.config.Topics;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The bulk import of outbound rules: all or nothing, each bad line named, every rule published. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class RuleImportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void jsonLinesAreAllStoredAndEachPublishedAsItsOwnRecord() throws Exception {
    String trunk = createTrunk(name("imp-a")).path("id");
    String deck = name("deck");
    String body =
        IntStream.range(0, 50)
                .mapToObj(
                    i ->
                        """
                        {"name":"%s-%d","priority":%d,"match":{"prefixes":["44%03d"]},\
                        "routes":[{"trunkId":"%s","stripDigits":2,"prepend":"+"}]}"""
                            .formatted(deck, i, 100 + i, i, trunk))
                .collect(Collectors.joining("\n"))
            + "\n";

    send("application/x-ndjson", body).then().statusCode(200).body("imported", equalTo(50));

    Map<String, JsonNode> stored = storedByName(deck);
    assertThat(stored).hasSize(50);
    JsonNode seventh = stored.get(deck + "-7");
    assertThat(seventh.path("priority").asInt()).isEqualTo(107);
    assertThat(seventh.path("match").path("prefixes").get(0).asText()).isEqualTo("44007");
    assertThat(seventh.path("routes").get(0).path("prepend").asText()).isEqualTo("+");
    assertThat(seventh.path("version").asLong()).isEqualTo(1);

    // Every rule reaches routing.rules.v1 as the same record a single creation produces.
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Map<String, ConsumerRecord<String, String>> byKey =
                  Topics.readAll("routing.rules.v1").stream()
                      .collect(Collectors.toMap(ConsumerRecord::key, r -> r, (a, b) -> b));
              for (JsonNode rule : stored.values()) {
                assertThat(byKey).containsKey(rule.path("id").asText());
              }
            });
    JsonNode record =
        JSON.readTree(
            Topics.forKey("routing.rules.v1", seventh.path("id").asText()).get(0).value());
    assertThat(record.path("schema").asText()).isEqualTo("routing.rules.v1");
    assertThat(record.path("version").asLong()).isEqualTo(1);
    assertThat(record.path("name").asText()).isEqualTo(deck + "-7");
    assertThat(record.path("routes").get(0).path("trunkId").asText()).isEqualTo(trunk);
  }

  @Test
  void csvRowsBecomeTheSameRules() {
    String a = createTrunk(name("imp-csv-a")).path("id");
    String b = createTrunk(name("imp-csv-b")).path("id");
    String deck = name("csv");
    String body =
        """
        name,priority,enabled,strategy,match.prefixes,match.lengths,match.callers,\
        routes[0].trunkId,routes[0].stripDigits,routes[0].prepend,routes[1].trunkId,routes[1].weight
        %1$s-uk,10,true,WEIGHTED,0044 0045,12 13,"101-110;199",%2$s,4,+44,%3$s,5
        %1$s-de,20,false,,0049,,,%2$s,,,,
        """
            .formatted(deck, a, b);

    send("text/csv", body).then().statusCode(200).body("imported", equalTo(2));

    Map<String, JsonNode> stored = storedByName(deck);
    JsonNode uk = stored.get(deck + "-uk");
    assertThat(uk.path("priority").asInt()).isEqualTo(10);
    assertThat(uk.path("strategy").asText()).isEqualTo("WEIGHTED");
    assertThat(uk.path("match").path("prefixes").toString()).isEqualTo("[\"0044\",\"0045\"]");
    assertThat(uk.path("match").path("lengths").toString()).isEqualTo("[12,13]");
    assertThat(uk.path("match").path("callers").asText()).isEqualTo("101-110;199");
    assertThat(uk.path("routes")).hasSize(2);
    assertThat(uk.path("routes").get(0).path("stripDigits").asInt()).isEqualTo(4);
    assertThat(uk.path("routes").get(1).path("trunkId").asText()).isEqualTo(b);
    assertThat(uk.path("routes").get(1).path("weight").asInt()).isEqualTo(5);
    JsonNode de = stored.get(deck + "-de");
    assertThat(de.path("enabled").asBoolean()).isFalse();
    assertThat(de.path("strategy").asText()).isEqualTo("PRIORITIZED");
    assertThat(de.path("routes")).hasSize(1);
  }

  @Test
  void badLinesAreEachListedAndNothingIsStored() {
    String trunk = createTrunk(name("imp-bad")).path("id");
    String taken = name("taken");
    api()
        .body("{\"name\":\"" + taken + "\",\"routes\":[{\"trunkId\":\"" + trunk + "\"}]}")
        .post("/api/v1/outbound-rules")
        .then()
        .statusCode(201);
    String deck = name("bad");
    String unknownTrunk = "0b7c7a2e-0000-4000-8000-000000000001";
    String body =
        String.join(
            "\n",
            line(deck + "-1", "0044", trunk),
            line(deck + "-2", "00x4", trunk),
            "{not json",
            line(deck + "-4", "0049", unknownTrunk),
            line(deck + "-1", "0033", trunk),
            "",
            "{\"name\":\"" + deck + "-7\",\"routes\":[],\"colour\":\"red\"}",
            line(taken, "0034", trunk),
            line(deck + "-9", "0039", trunk));
    long outboxBefore = count("select count(*) from outbox");

    Response r = send("application/x-ndjson", body);

    r.then().statusCode(400).contentType("application/problem+json");
    assertThat(r.jsonPath().getList("errors.field", String.class))
        .containsExactlyInAnyOrder(
            "lines[2].match.prefixes[0]",
            "lines[3].line",
            "lines[4].routes[0].trunkId",
            "lines[5].name",
            "lines[7].routes",
            "lines[7].colour",
            "lines[8].name");
    assertThat(r.jsonPath().getString("errors.find { it.field == 'lines[8].name' }.message"))
        .isEqualTo("an outbound rule with this name exists");
    assertThat(storedByName(deck)).isEmpty();
    assertThat(count("select count(*) from outbox")).isEqualTo(outboxBefore);
  }

  @Test
  void aCsvHeaderNamingNoFieldIsRefused() {
    Response r = send("text/csv", "name,colour\nx,red\n");
    r.then().statusCode(400);
    assertThat(r.jsonPath().getList("errors.field", String.class))
        .containsExactly("lines[1].header.colour");
  }

  @Test
  void sizeLimitsGiveClearErrors() {
    String trunk = createTrunk(name("imp-size")).path("id");
    String deck = name("big");
    // The test profile allows 5,000 rules and 2 MB per import.
    String tooMany =
        IntStream.range(0, 5001)
            .mapToObj(i -> line(deck + "-" + i, "1" + i, trunk))
            .collect(Collectors.joining("\n"));
    Response many = send("application/x-ndjson", tooMany);
    many.then().statusCode(400);
    assertThat(many.jsonPath().getString("errors[0].field")).isEqualTo("body");
    assertThat(many.jsonPath().getString("errors[0].message")).contains("at most 5000");

    String tooLarge = (tooMany + "\n").repeat(4);
    Response large = send("application/x-ndjson", tooLarge);
    assertThat(large.statusCode()).isEqualTo(413);
    assertThat(large.jsonPath().getString("detail")).contains("2097152 byte limit");
    assertThat(storedByName(deck)).isEmpty();
  }

  @Test
  void anImportNeedsTheApiKey() {
    given()
        .urlEncodingEnabled(false)
        .contentType("application/x-ndjson")
        .body("{}".getBytes(StandardCharsets.UTF_8))
        .post(PATH)
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
  }

  /**
   * Single rule creations racing an import: each one taking a name of the import either wins (and
   * the import is refused, nothing of it stored) or loses with 409; the others all succeed.
   */
  @Test
  void singleRuleWritesDuringAnImportStayConsistent() throws Exception {
    String trunk = createTrunk(name("imp-race")).path("id");
    String deck = name("race");
    String body =
        IntStream.range(0, 3000)
            .mapToObj(i -> line(deck + "-" + i, "7" + i, trunk))
            .collect(Collectors.joining("\n"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<Integer> imported = pool.submit(() -> send("application/x-ndjson", body).statusCode());
      List<Future<Integer>> singles = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String n = i % 2 == 0 ? deck + "-" + (i * 250) : deck + "-single-" + i;
        Callable<Integer> create =
            () ->
                api()
                    .body(line(n, "8" + n.length(), trunk))
                    .post("/api/v1/outbound-rules")
                    .statusCode();
        singles.add(pool.submit(create));
      }
      int importStatus = imported.get();
      List<Integer> singleStatus = new ArrayList<>();
      for (Future<Integer> f : singles) {
        singleStatus.add(f.get());
      }
      Map<String, JsonNode> stored = storedByName(deck);
      for (int i = 1; i < 10; i += 2) {
        assertThat(singleStatus.get(i)).isEqualTo(201);
      }
      if (importStatus == 200) {
        for (int i = 0; i < 10; i += 2) {
          assertThat(singleStatus.get(i)).isEqualTo(409);
        }
        assertThat(stored).hasSize(3000 + 5);
      } else {
        assertThat(importStatus).isIn(400, 409);
        assertThat(singleStatus).contains(201);
        long singlesStored = singleStatus.stream().filter(s -> s == 201).count();
        assertThat(stored).hasSize((int) singlesStored);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The import's larger limit leaves ordinary bodies without a declared length still read. */
  @Test
  void aChunkedTrunkUnderTheOrdinaryLimitIsStillAccepted() throws Exception {
    String name = name("chunked-ok");
    byte[] body = io.trunkline.config.TestSupport.trunkJson(name).getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket("localhost", io.restassured.RestAssured.port)) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /api/v1/trunks HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + KEY
                  + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                  + "Connection: close\r\n\r\n"
                  + Integer.toHexString(body.length)
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 201").contains(name);
    }
  }
}
