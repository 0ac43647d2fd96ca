package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.status;
import static io.trunkline.routing.StateFeeder.trunk;
import static io.trunkline.routing.StateFeeder.withCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.testsupport.Dnsmasq;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every provider template of the configuration service's catalogue, as a trunk made from it would
 * reach call-routing: its host (the template's, placeholders filled in) is served by a real dnsmasq
 * whose SRV records for the template's transport point at the test's trunk peer, and one call shows
 * what the provider needs on the wire: the number format and tech prefix in the Request-URI, the
 * domain (not the SRV port) in it, a digest answer for DIGEST providers, and no call at all through
 * a REGISTER provider until the trunk is registered.
 */
@QuarkusTest
@TestProfile(DnsTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class ProviderTemplateCallTest extends SipAcceptanceSupport {

  /** The catalogue trunk-config-service serves (the file, not a copy of it). */
  static final Path CATALOGUE =
      Path.of("..", "trunk-config-service", "src", "main", "resources", "providers.json");

  /** Dialled with the international prefix, so each number format writes it differently. */
  static final String NUMBER = "0014155550123";

  static List<JsonNode> templates() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    new ObjectMapper().readTree(CATALOGUE.toFile()).forEach(out::add);
    return out;
  }

  /** The host an operator would give: the template's, its placeholder filled with "acme". */
  static String hostOf(JsonNode tpl) {
    if (tpl.hasNonNull("defaultHost")) {
      return tpl.get("defaultHost").asText();
    }
    if (tpl.hasNonNull("hostPattern")) {
      return tpl.get("hostPattern").asText().replaceAll("<[^>]+>", "acme");
    }
    return "sbc.generic-provider.test";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void aTrunkFromTheTemplateCallsAsTheProviderNeeds(JsonNode tpl) throws Exception {
    String id = tpl.get("id").asText();
    String host = hostOf(tpl);
    String transport = tpl.get("transport").asText();
    boolean tls = "TLS".equals(transport);
    DnsTestProfile.DNS.replace(
        new Dnsmasq.Records()
            .domain(host)
            .domain("trunks.test")
            .ttl(60)
            .srv(
                (tls ? "_sips._tcp." : "_sip._udp.") + host,
                "peer.trunks.test",
                trunkA.port(),
                10,
                0)
            .host("peer.trunks.test", "127.0.0.1"));

    Map<String, Object> t = trunk("tpl-" + id, tls ? 5061 : 5060);
    t.put("provider", id);
    t.put("host", host);
    t.put("fromDomain", host);
    t.put("transport", transport);
    t.put("numberFormat", tpl.get("numberFormat").asText());
    if (tpl.path("techPrefixRequired").asBoolean()) {
      t.put("techPrefix", "12345678*");
    }
    String authMode = tpl.get("authMode").asText();
    if (!"IP".equals(authMode)) {
      withCredentials(t, authMode, "acct", "acct", "s3cret");
    }
    AtomicInteger invites = new AtomicInteger();
    String nonce = "n" + System.nanoTime();
    trunkA.onInvite(
        (p, st) -> {
          boolean answered = st.getRequest().getHeader("Authorization") != null;
          if (invites.incrementAndGet() == 1 && "DIGEST".equals(authMode)) {
            p.respond(st, 401, "WWW-Authenticate", "Digest realm=\"p\", nonce=\"" + nonce + "\"");
          } else if ("DIGEST".equals(authMode) && !answered) {
            p.respond(st, 403);
          } else {
            answer(p, st);
          }
        });
    if ("REGISTER".equals(authMode)) {
      feeder.trunkConfig(t);
      feeder.status(status(t, "REGISTERING"));
    }
    String prefix = route(null, 3, t);

    if (tls) {
      // SIP over TLS is not this test's subject: it shows the name resolved by the TLS SRV record
      ClientTransaction ct = pbx.invite("101", prefix + NUMBER, SipTestProfile.SIP_PORT);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> DnsTestProfile.DNS.queries("SRV", "_sips._tcp." + host) > 0);
      assertThat(DnsTestProfile.DNS.queries("SRV", "_sip._udp." + host)).isZero();
      ct.terminate();
      return;
    }
    if ("REGISTER".equals(authMode)) {
      // not registered yet: the route is skipped, the PBX hears 503 and the provider nothing
      ClientTransaction early = pbx.invite("101", prefix + NUMBER, SipTestProfile.SIP_PORT);
      pbx.awaitResponse(503, 5);
      assertThat(trunkA.receives(Request.INVITE, 300)).isFalse();
      early.terminate();
      pbx.responses.clear();
      feeder.status(status(t, "REGISTERED"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> resolve(prefix + NUMBER).get("candidates").get(0).get("available").asBoolean());
    }

    ClientTransaction ct = pbx.invite("101", prefix + NUMBER, SipTestProfile.SIP_PORT);
    Request inv = trunkA.awaitRequest(Request.INVITE, 5);
    if ("DIGEST".equals(authMode)) {
      inv = trunkA.awaitRequest(Request.INVITE, 5);
      assertThat(inv.getHeader("Authorization").toString())
          .contains("username=\"acct\"", "nonce=\"" + nonce + "\"");
    }
    Response ok = pbx.awaitResponse(200, 5);
    pbx.ack(ct, ok);
    trunkA.awaitRequest(Request.ACK, 5);

    SipURI uri = (SipURI) inv.getRequestURI();
    assertThat(uri.getUser()).isEqualTo(expectedNumber(tpl));
    assertThat(uri.getHost()).isEqualTo(host);
    assertThat(uri.getPort()).as("the SRV record chose the port").isEqualTo(-1);
    assertThat(SipTestPeer.transport(inv)).isEqualToIgnoringCase(transport);
    assertThat(DnsTestProfile.DNS.queries("SRV", "_sip._udp." + host)).isPositive();
    pbx.bye(ct.getDialog());
    trunkA.awaitRequest(Request.BYE, 5);
    pbx.awaitResponse(200, Request.BYE, 5);
  }

  /** What the provider must see for {@link #NUMBER}: its number format, then its tech prefix. */
  static String expectedNumber(JsonNode tpl) {
    String n =
        switch (tpl.get("numberFormat").asText()) {
          case "E164" -> "+14155550123";
          case "E164_NO_PLUS" -> "14155550123";
          default -> NUMBER;
        };
    return tpl.path("techPrefixRequired").asBoolean() ? "12345678*" + n : n;
  }
}
