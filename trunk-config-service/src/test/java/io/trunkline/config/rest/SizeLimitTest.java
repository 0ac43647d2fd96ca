package io.trunkline.config.rest;

import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.count;
import static io.trunkline.config.TestSupport.createTrunk;
import static io.trunkline.config.TestSupport.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * Values too large to publish are refused before anything is stored: a body over the HTTP limit
 * gets 413 (problem+json when its length is declared), a body under it whose Kafka record would
 * exceed the record limit gets 400 naming the field that makes it large. Either way: problem+json,
 * no row, no outbox row.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class SizeLimitTest {

  @Test
  void aFiveMegabyteTrunkIsRefusedWith413AndNothingIsStored() {
    String name = name("huge");
    long outboxBefore = count("select count(*) from outbox");
    Response r =
        api()
            .body(trunk(name, didNumbers(5 * 1024 * 1024)))
            .post("/api/v1/trunks")
            .then()
            .extract()
            .response();
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.jsonPath().getInt("status")).isEqualTo(413);
    assertNothingStored(name, outboxBefore);
  }

  /** Without a declared length the limit cuts the body as it arrives: 413, nothing stored. */
  @Test
  void aChunkedBodyOverTheLimitIsRefusedToo() throws Exception {
    String name = name("chunked");
    long outboxBefore = count("select count(*) from outbox");
    byte[] chunk = didNumbers(64 * 1024).getBytes(StandardCharsets.US_ASCII);
    try (Socket s = new Socket("localhost", io.restassured.RestAssured.port)) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /api/v1/trunks HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + io.trunkline.config.TestSupport.KEY
                  + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      String head = "{\"name\":\"" + name + "\",\"host\":\"h.example.com\",\"authMode\":\"IP\",";
      writeChunk(out, (head + "\"didNumbers\":\"").getBytes(StandardCharsets.US_ASCII));
      String status = null;
      try {
        for (int i = 0; i < 5 * 16; i++) { // 5 MiB in 64 KiB chunks, or until the server answers
          writeChunk(out, chunk);
        }
        writeChunk(out, "\"}".getBytes(StandardCharsets.US_ASCII));
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (java.io.IOException closedByServer) {
        // the server may answer and close before the whole body is sent
      }
      InputStream in = s.getInputStream();
      String answer = new String(in.readNBytes(512), StandardCharsets.ISO_8859_1);
      status = answer.substring(0, answer.indexOf("\r\n"));
      assertThat(status).contains(" 413 ");
    }
    assertNothingStored(name, outboxBefore);
  }

  @Test
  void aTrunkWhoseRecordWouldBeTooLargeIsRefusedWith400NamingTheField() {
    String name = name("big-dids");
    long outboxBefore = count("select count(*) from outbox");
    // Under the 1 MiB body limit, over the 1,000,000 byte record limit.
    api()
        .body(trunk(name, didNumbers(1_010_000)))
        .post("/api/v1/trunks")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("didNumbers"))
        .body("errors[0].message", containsString("too large"));
    assertNothingStored(name, outboxBefore);

    // The same through a PATCH of an existing trunk: refused, the stored trunk unchanged.
    String id = createTrunk(name).path("id");
    long before = count("select count(*) from outbox");
    api()
        .body("{\"associatedIps\":" + cidrs(1_010_000) + "}")
        .patch("/api/v1/trunks/" + id)
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("associatedIps"));
    api().get("/api/v1/trunks/" + id).then().statusCode(200).header("ETag", "\"1\"");
    assertThat(count("select count(*) from outbox")).isEqualTo(before);
  }

  @Test
  void aRuleWhoseRecordWouldBeTooLargeNamesTheNestedField() {
    String trunk = createTrunk(name("rule-size")).path("id");
    String name = name("big-rule");
    StringJoiner prefixes = new StringJoiner(",", "[", "]");
    for (int i = 0; prefixes.length() < 1_010_000; i++) {
      prefixes.add("\"" + String.format("%032d", i) + "\"");
    }
    long before = count("select count(*) from outbox");
    api()
        .body(
            "{\"name\":\"%s\",\"match\":{\"prefixes\":%s},\"routes\":[{\"trunkId\":\"%s\"}]}"
                .formatted(name, prefixes, trunk))
        .post("/api/v1/outbound-rules")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("match.prefixes"));
    assertThat(count("select count(*) from outbound_rule where name = '" + name + "'")).isZero();
    assertThat(count("select count(*) from outbox")).isEqualTo(before);
  }

  private static void assertNothingStored(String name, long outboxBefore) {
    assertThat(count("select count(*) from trunk where name = '" + name + "'")).isZero();
    assertThat(count("select count(*) from outbox")).isEqualTo(outboxBefore);
  }

  private static void writeChunk(OutputStream out, byte[] data) throws java.io.IOException {
    out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(data);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private static String trunk(String name, String didNumbers) {
    return "{\"name\":\"%s\",\"host\":\"h.example.com\",\"authMode\":\"IP\",\"didNumbers\":\"%s\"}"
        .formatted(name, didNumbers);
  }

  /** A valid DID list ({@code 100000;100001;...}) of about the given length. */
  private static String didNumbers(int length) {
    StringBuilder b = new StringBuilder(length + 16);
    for (int n = 100000; b.length() < length; n++) {
      if (b.length() > 0) {
        b.append(';');
      }
      b.append(n);
    }
    return b.toString();
  }

  /** A valid JSON list of /32 CIDRs of about the given length. */
  private static String cidrs(int length) {
    StringJoiner j = new StringJoiner(",", "[", "]");
    for (int i = 0; j.length() < length; i++) {
      j.add("\"10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + "/32\"");
    }
    return j.toString();
  }
}
