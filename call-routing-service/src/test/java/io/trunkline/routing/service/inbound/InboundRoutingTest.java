package io.trunkline.routing.service.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.platform.crypto.AesGcmSecretCipher;
import io.trunkline.platform.sip.ContactToken;
import io.trunkline.routing.StateFeeder;
import io.trunkline.routing.service.CidrAccess;
import io.trunkline.routing.service.OwnSipAddresses;
import io.trunkline.routing.service.PbxCidrClassifier;
import io.trunkline.routing.service.SourceClass;
import io.trunkline.routing.service.StateStore;
import io.trunkline.routing.service.TrunkBreakers;
import io.trunkline.routing.service.TrunkUsage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Trunk identification, DID pool, PBX/trunk precedence and the inbound rule index, no SIP. */
class InboundRoutingTest {

  static final ObjectMapper JSON = new ObjectMapper();
  // Thursday 2026-11-26 10:00 London: inside the example rule's office hours.
  static final Clock OPEN = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
  // The same Thursday at 20:00: after hours.
  static final Clock EVENING = Clock.fixed(Instant.parse("2026-11-26T20:00:00Z"), ZoneOffset.UTC);
  // Christmas Day 2026 (a Friday) at 10:00: a holiday of the example rule.
  static final Clock XMAS = Clock.fixed(Instant.parse("2026-12-25T10:00:00Z"), ZoneOffset.UTC);

  final StateStore store =
      new StateStore(AesGcmSecretCipher.fromBase64Key(StateFeeder.KEY), new ObjectMapper());
  final TrunkAddressBook book = new TrunkAddressBook(store);
  static final byte[] KEY = java.util.Base64.getDecoder().decode(StateFeeder.KEY);
  final TrunkIdentifier identifier =
      new TrunkIdentifier(book, (token, id) -> ContactToken.matches(KEY, id, token));
  final InboundRuleStore rules = new InboundRuleStore(JSON);

  Map<String, Object> trunk(String name, String host, List<String> ips, String dids) {
    Map<String, Object> t = StateFeeder.trunk(name, 5060);
    t.put("host", host);
    t.put("associatedIps", ips);
    t.put("didNumbers", dids);
    return t;
  }

  void load(Map<String, Object>... trunks) throws Exception {
    for (Map<String, Object> t : trunks) {
      store.applyTrunk((String) t.get("id"), JSON.writeValueAsString(t));
    }
    store.publish();
  }

  InboundResolver resolver(Clock clock) {
    return new InboundResolver(
        rules, new TrunkUsage(), new OwnSipAddresses(List.of()), TrunkBreakers.off(), clock);
  }

  @Test
  void sourceInAssociatedIpsOrHostIdentifiesTheTrunkAndItsPoolDecides() throws Exception {
    Map<String, Object> a = trunk("a", "198.51.100.7", List.of("203.0.113.0/24"), "4420712345");
    load(a);
    TrunkIdentifier.Identified byCidr = identifier.identify("203.0.113.9", "+44 20 7123 45", null);
    assertThat(byCidr.accepted()).isTrue();
    assertThat(byCidr.trunk().id()).isEqualTo(a.get("id"));
    assertThat(byCidr.did()).isEqualTo("4420712345");
    assertThat(identifier.identify("198.51.100.7", "004420712345", null).accepted()).isTrue();
    TrunkIdentifier.Identified outside = identifier.identify("203.0.113.9", "4420799999", null);
    assertThat(outside.code()).isEqualTo(404);
    assertThat(identifier.identify("192.0.2.1", "4420712345", null).code()).isEqualTo(403);
  }

  @Test
  void aTrunkWithoutPoolAcceptsNoNumberAndNationalNumbersGetTheCountryCode() throws Exception {
    Map<String, Object> none = trunk("none", "192.0.2.50", List.of(), null);
    Map<String, Object> uk = trunk("uk", "192.0.2.51", List.of(), "4420712300-4420712399");
    uk.put("countryCode", "44");
    load(none, uk);
    assertThat(identifier.identify("192.0.2.50", "4420712345", null).code()).isEqualTo(404);
    TrunkIdentifier.Identified national = identifier.identify("192.0.2.51", "020712345", null);
    assertThat(national.did()).isEqualTo("4420712345");
    assertThat(national.accepted()).isTrue();
  }

  @Test
  void sharedProviderAddressesAreToldApartByPoolAndByContactToken() throws Exception {
    Map<String, Object> one = trunk("one", "192.0.2.60", List.of(), "111");
    Map<String, Object> two = trunk("two", "192.0.2.60", List.of(), "222");
    two.put("authMode", "REGISTER");
    Map<String, Object> elsewhere = trunk("elsewhere", "192.0.2.61", List.of(), "333");
    elsewhere.put("authMode", "REGISTER");
    load(one, two, elsewhere);
    assertThat(identifier.identify("192.0.2.60", "222", null).trunk().id())
        .isEqualTo(two.get("id"));
    assertThat(identifier.identify("192.0.2.60", "111", null).trunk().id())
        .isEqualTo(one.get("id"));
    String token = ContactToken.of(KEY, (String) two.get("id"));
    TrunkIdentifier.Identified viaToken = identifier.identify("192.0.2.60", token, "222");
    assertThat(viaToken.trunk().id()).isEqualTo(two.get("id"));
    assertThat(viaToken.did()).isEqualTo("222");
    // the token of a trunk at other addresses proves nothing
    String foreign = ContactToken.of(KEY, (String) elsewhere.get("id"));
    assertThat(identifier.identify("192.0.2.60", foreign, "333").code()).isEqualTo(403);
  }

  @Test
  void theContactTokenIsTheOneRegistrationServiceComputes() {
    // registration-service's documented vector (HMAC-SHA256 under the test key, first 16 bytes)
    assertThat(ContactToken.of(KEY, "3f2b8c1e-5d4a-4b8e-9a71-0c6d2e9f4a10"))
        .isEqualTo("tlf37110cd7d54f78f47e6f36e64e1a6a4");
    assertThat(ContactToken.looksLikeToken("tlf37110cd7d54f78f47e6f36e64e1a6a4")).isTrue();
    assertThat(ContactToken.looksLikeToken("4420712345")).isFalse();
  }

  @Test
  void theMoreSpecificCidrWinsBetweenPbxAndTrunkAndThePbxOnATie() throws Exception {
    load(
        trunk("narrow", "127.0.0.2", List.of(), "1"),
        trunk("tie", "192.0.2.70", List.of("10.0.0.0/8"), "1"));
    PbxCidrClassifier c =
        new PbxCidrClassifier(new CidrAccess(List.of("127.0.0.0/8", "10.0.0.0/8")), book);
    assertThat(c.classify("127.0.0.2")).isEqualTo(SourceClass.TRUNK);
    assertThat(c.classify("127.0.0.3")).isEqualTo(SourceClass.PBX);
    assertThat(c.classify("10.1.2.3")).isEqualTo(SourceClass.PBX);
    assertThat(c.classify("192.0.2.70")).isEqualTo(SourceClass.TRUNK);
    assertThat(c.classify("192.0.2.99")).isEqualTo(SourceClass.UNKNOWN);
  }

  @Test
  void theContractExampleRoutesByOfficeHoursHolidaysAndAfterHours() throws Exception {
    String value;
    try (InputStream in = getClass().getResourceAsStream("/examples/inbound.rules.v1.json")) {
      value = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, Object> t = trunk("london", "192.0.2.80", List.of(), "4420712345");
    t.put("id", "7c1e4a52-2f0b-4c36-9a43-0f6c1d2e3b4a");
    load(t);
    rules.apply("5d1c9a7e-3b2f-4e6a-8c0d-9f1e2a3b4c5d", value);
    rules.publish();
    var trunk = store.snapshot().trunks().get(t.get("id"));

    InboundResolver.Resolution open = resolver(OPEN).resolve(trunk, "4420712345", "100");
    assertThat(open.rule().name()).isEqualTo("london-office");
    assertThat(open.afterHours()).isFalse();
    assertThat(open.destinations())
        .extracting(d -> d.trunk().host() + "/" + d.number())
        .containsExactly("pbx1.example.com/45", "192.0.2.20/45");

    InboundResolver.Resolution evening = resolver(EVENING).resolve(trunk, "4420712345", "100");
    assertThat(evening.afterHours()).isTrue();
    assertThat(evening.destinations())
        .extracting(d -> d.trunk().host() + "/" + d.number())
        .containsExactly("voicemail.example.com/*974420712345");
    assertThat(resolver(XMAS).resolve(trunk, "4420712345", "100").afterHours()).isTrue();
    // another trunk's call: the rule's trunk filter keeps it out
    assertThat(
            resolver(OPEN)
                .resolve(store.snapshot().trunks().values().iterator().next(), "999", "100")
                .rule())
        .isNull();
  }

  @Test
  void lowestPriorityThenLongestDidMatchWinsAndSchedulesWithoutAfterHoursStepAside()
      throws Exception {
    rules.apply("broad", rule("broad", 10, "44*", null, false));
    rules.apply("narrow", rule("narrow", 10, "44207*", null, false));
    rules.apply("exact", rule("exact", 10, "4420712345", null, false));
    rules.apply("closed", rule("closed", 1, "4420712345", null, true));
    rules.apply("callers", rule("callers", 5, "44*", "100-199", false));
    rules.publish();
    InboundRuleIndex idx = rules.index();
    Instant now = OPEN.instant();
    assertThat(idx.lookup("t", "4420712345", "200", now).rule().id()).isEqualTo("exact");
    assertThat(idx.lookup("t", "4420799999", "200", now).rule().id()).isEqualTo("narrow");
    assertThat(idx.lookup("t", "4416100000", "200", now).rule().id()).isEqualTo("broad");
    assertThat(idx.lookup("t", "4416100000", "150", now).rule().id()).isEqualTo("callers");
    assertThat(idx.lookup("t", "3312345", "200", now)).isNull();
    // a tombstone removes a rule
    rules.apply("exact", null);
    rules.publish();
    assertThat(rules.index().lookup("t", "4420712345", "200", now).rule().id()).isEqualTo("narrow");
  }

  /** An inbound rule value; closed: a schedule that never holds and no after-hours target. */
  static String rule(String id, int priority, String dids, String callers, boolean closed)
      throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("schema", "inbound.rules.v1");
    r.put("version", 1);
    r.put("id", id);
    r.put("name", id);
    r.put("enabled", true);
    r.put("priority", priority);
    Map<String, Object> match = new LinkedHashMap<>();
    match.put("dids", dids);
    match.put("callers", callers);
    r.put("match", match);
    r.put("destinations", List.of(Map.of("host", "127.0.0.9", "port", 5060, "transport", "UDP")));
    if (closed) {
      r.put("schedule", Map.of("timeZone", "UTC", "holidays", List.of("2026-11-26")));
    }
    r.put("createdAt", "2026-11-26T09:00:00Z");
    return JSON.writeValueAsString(r);
  }
}
