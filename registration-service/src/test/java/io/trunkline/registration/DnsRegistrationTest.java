package io.trunkline.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.registration.support.DnsmasqResource;
import io.trunkline.registration.support.SipPortResource;
import io.trunkline.registration.support.TestRegistrar;
import io.trunkline.registration.support.TestRegistrar.Seen;
import io.trunkline.registration.support.TrunkFeed;
import io.trunkline.testsupport.Dnsmasq;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Registrars named by a domain, resolved at a real dnsmasq the RFC 3263 way (SRV for the trunk's
 * transport, then A): a registrar that does not answer gives way to the next SRV target of the same
 * trunk, and a name that does not resolve leaves the trunk FAILED with reason {@code dns}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(SipPortResource.class)
@QuarkusTestResource(DnsmasqResource.class)
class DnsRegistrationTest extends RegistrarAndFeedTest {

  /** The first SRV target, which never answers; the base class's registrar is the live one. */
  static TestRegistrar dead;

  @BeforeAll
  static void startDead() throws Exception {
    dead = new TestRegistrar();
  }

  @AfterAll
  static void stopDead() {
    dead.close();
  }

  static String newUser() {
    return "d" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
  }

  /** A REGISTER trunk named by a domain on the transport's default port: SRV decides. */
  static ObjectNode named(String user, String host, String password) {
    ObjectNode t = TrunkFeed.trunk(user, 5060, password);
    t.put("host", host);
    return t;
  }

  @Test
  void aSilentFirstSrvTargetGivesWayToTheSecond() throws Exception {
    DnsmasqResource.dns()
        .replace(
            new Dnsmasq.Records()
                .domain("trunks.test")
                .ttl(60)
                .srv("_sip._udp.reg.trunks.test", "dead.trunks.test", dead.port(), 10, 0)
                .srv("_sip._udp.reg.trunks.test", "live.trunks.test", registrar.port(), 20, 0)
                .host("dead.trunks.test", "127.0.0.1")
                .host("live.trunks.test", "127.0.0.1"));
    String user = newUser();
    dead.account(user).mode = TestRegistrar.Mode.SILENT;
    registrar.account(user).password = "pw-" + user;
    ObjectNode trunk = named(user, "reg.trunks.test", "pw-" + user);
    String id = trunk.get("id").asText();
    feed.publish(trunk);

    await().atMost(Duration.ofSeconds(30)).until(() -> "REGISTERED".equals(registration(id)));

    List<Seen> atDead = dead.of(user, "REGISTER");
    List<Seen> atLive = registrar.of(user, "REGISTER");
    assertThat(atDead).hasSize(1);
    assertThat(atLive).hasSize(2); // the challenge, then the answer to it
    assertThat(atLive.get(0).at()).isAfter(atDead.get(0).at());
    // one Call-ID, CSeq rising across the two registrars
    assertThat(atLive.get(0).callId()).isEqualTo(atDead.get(0).callId());
    assertThat(atLive.get(0).cseq()).isGreaterThan(atDead.get(0).cseq());
    assertThat(atLive.get(1).cseq()).isGreaterThan(atLive.get(0).cseq());
    // the Request-URI names the domain, not the port SRV chose
    assertThat(atLive.get(0).requestUri()).isEqualTo("sip:reg.trunks.test");
  }

  @Test
  void aNameThatDoesNotResolveLeavesTheTrunkFailedWithReasonDns() throws Exception {
    DnsmasqResource.dns().replace(new Dnsmasq.Records().domain("trunks.test").ttl(60));
    String user = newUser();
    ObjectNode trunk = named(user, "nowhere.trunks.test", "pw");
    String id = trunk.get("id").asText();
    feed.publish(trunk);

    await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(registration(id)));
    JsonNode status = feed.lastStatus(id);
    assertThat(status.get("lastReason").asText()).isEqualTo("dns");
    assertThat(registrar.of(user, "REGISTER")).isEmpty();

    // the name appears: the next retry registers without any change to the trunk
    DnsmasqResource.dns()
        .replace(
            new Dnsmasq.Records()
                .domain("trunks.test")
                .ttl(60)
                .srv("_sip._udp.nowhere.trunks.test", "live.trunks.test", registrar.port(), 10, 0)
                .host("live.trunks.test", "127.0.0.1"));
    registrar.account(user).password = "pw";
    await().atMost(Duration.ofSeconds(30)).until(() -> "REGISTERED".equals(registration(id)));
  }

  /**
   * Every REGISTER template of the configuration service's catalogue (the file itself) over UDP,
   * with its host served by dnsmasq: the trunk registers where the provider's SRV record points,
   * with the provider's domain in the Request-URI and the AOR.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("registeringTemplates")
  void aTrunkFromARegisterTemplateRegistersWhereSrvPoints(String id, String host) throws Exception {
    DnsmasqResource.dns()
        .replace(
            new Dnsmasq.Records()
                .domain(host)
                .domain("trunks.test")
                .ttl(60)
                .srv("_sip._udp." + host, "live.trunks.test", registrar.port(), 10, 0)
                .host("live.trunks.test", "127.0.0.1"));
    String user = newUser();
    registrar.account(user).password = "pw-" + user;
    ObjectNode trunk = named(user, host, "pw-" + user);
    trunk.put("provider", id);
    String trunkId = trunk.get("id").asText();
    feed.publish(trunk);

    await().atMost(Duration.ofSeconds(30)).until(() -> "REGISTERED".equals(registration(trunkId)));
    Seen first = registrar.of(user, "REGISTER").get(0);
    assertThat(first.requestUri()).isEqualTo("sip:" + host);
    assertThat(first.toUri()).isEqualTo("sip:" + user + "@" + host);
    assertThat(first.transport()).isEqualTo("UDP");
  }

  /** id and host of each UDP template that registers (TLS registration is another test's). */
  static Stream<Arguments> registeringTemplates() throws Exception {
    JsonNode all =
        new ObjectMapper()
            .readTree(
                Path.of("..", "trunk-config-service", "src", "main", "resources", "providers.json")
                    .toFile());
    List<Arguments> out = new ArrayList<>();
    for (JsonNode t : all) {
      if ("REGISTER".equals(t.path("authMode").asText())
          && "UDP".equals(t.path("transport").asText())) {
        String host =
            t.hasNonNull("defaultHost")
                ? t.get("defaultHost").asText()
                : t.path("hostPattern")
                    .asText("sbc.generic-provider.test")
                    .replaceAll("<[^>]+>", "acme");
        out.add(Arguments.of(t.get("id").asText(), host));
      }
    }
    assertThat(out).extracting(a -> a.get()[0]).contains("callcentric", "skyetel");
    return out.stream();
  }

  static String registration(String trunkId) {
    JsonNode s = feed.lastStatus(trunkId);
    return s == null ? null : s.get("registration").asText();
  }
}
