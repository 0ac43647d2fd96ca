package io.trunkline.config.ruleimport;

import static io.trunkline.config.TestSupport.KEY;
import static io.trunkline.config.TestSupport.createTrunk;
import static io.trunkline.config.TestSupport.name;
import static io.trunkline.config.ruleimport.ImportCalls.PATH;
import static io.trunkline.config.ruleimport.ImportCalls.line;
import static io.trunkline.config.ruleimport.ImportCalls.send;
import static io.trunkline.config.ruleimport.ImportCalls.storedByName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Imports as several operators (or one impatient script) send them: at once, and streamed. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class ParallelImportsTest {

  private static final String NDJSON = "application/x-ndjson";

  @Test
  void importsOfDifferentDecksAtOnceAreEachStoredWhole() throws Exception {
    String trunk = createTrunk(name("par-imp")).path("id");
    List<String> decks = IntStream.range(0, 4).mapToObj(i -> name("par" + i)).toList();
    ExecutorService pool = Executors.newFixedThreadPool(decks.size());
    try {
      List<Future<Response>> answers = new ArrayList<>();
      for (String deck : decks) {
        answers.add(pool.submit(() -> send(NDJSON, deck(deck, "3", 800, trunk))));
      }
      for (Future<Response> answer : answers) {
        Response r = answer.get();
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.jsonPath().getInt("imported")).isEqualTo(800);
      }
      for (String deck : decks) {
        assertThat(storedByName(deck)).hasSize(800);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Two imports of the same rule names race: one is stored whole, the other refused as a whole, and
   * no rule of the loser is found among the winner's.
   */
  @Test
  void twoImportsOfTheSameNamesStoreOneOfThemWhole() throws Exception {
    String trunk = createTrunk(name("twin-imp")).path("id");
    String deck = name("twin");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Response> first = pool.submit(() -> send(NDJSON, deck(deck, "61", 1500, trunk)));
      Future<Response> second = pool.submit(() -> send(NDJSON, deck(deck, "62", 1500, trunk)));
      int a = first.get().statusCode();
      int b = second.get().statusCode();
      assertThat(List.of(a, b)).containsOnlyOnce(200);
      assertThat(a == 200 ? b : a).isIn(400, 409);
      String winner = a == 200 ? "61" : "62";
      Map<String, JsonNode> stored = storedByName(deck);
      assertThat(stored).hasSize(1500);
      assertThat(stored.values())
          .allSatisfy(
              rule ->
                  assertThat(rule.path("match").path("prefixes").get(0).asText())
                      .startsWith(winner));
    } finally {
      pool.shutdownNow();
    }
  }

  /** A streamed body (no Content-Length) over the import's limit gets the same problem+json. */
  @Test
  void aChunkedImportOverTheLimitIsRefusedWithAProblem() throws Exception {
    String trunk = createTrunk(name("chunk-imp")).path("id");
    String deck = name("chunky");
    // The test profile holds imports to 2 MB: send about 3 MB in 64 KB chunks.
    byte[] chunk = (deck(deck, "5", 500, trunk) + "\n").getBytes(StandardCharsets.UTF_8);
    int chunks = (3 * 1024 * 1024) / chunk.length + 1;
    try (Socket s = new Socket("localhost", RestAssured.port)) {
      s.setSoTimeout(30_000);
      CompletableFuture<String> answer = readAll(s.getInputStream());
      try {
        OutputStream out = s.getOutputStream();
        out.write(
            ("POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + KEY)
                .getBytes(StandardCharsets.US_ASCII));
        out.write(
            ("\r\nContent-Type: " + NDJSON + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < chunks; i++) {
          out.write(
              (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException closedEarly) {
        // The service may answer and close before the whole body is sent: the answer still counts.
      }
      String response = answer.get();
      assertThat(response).startsWith("HTTP/1.1 413");
      assertThat(response).containsIgnoringCase("content-type: application/problem+json");
      assertThat(response).contains("2097152 byte limit");
    }
    assertThat(storedByName(deck)).isEmpty();
  }

  private static String deck(String deck, String prefix, int rules, String trunk) {
    return IntStream.range(0, rules)
        .mapToObj(i -> line(deck + "-" + i, prefix + i, trunk))
        .collect(Collectors.joining("\n"));
  }

  private static CompletableFuture<String> readAll(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          StringBuilder text = new StringBuilder();
          byte[] buffer = new byte[8192];
          try {
            for (int n; (n = in.read(buffer)) > 0; ) {
              text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
          } catch (IOException reset) {
            // A reset after the answer arrived ends the read; what was read is the answer.
          }
          return text.toString();
        });
  }
}
