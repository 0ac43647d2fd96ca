package io.trunkline.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.platform.crypto.SecretKeyring;
import io.trunkline.platform.crypto.SecretSettings;
import io.trunkline.platform.crypto.TrunkSecrets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Produces contract JSON (docs/contract.md) to the real broker, like the other services do. */
public final class StateFeeder implements AutoCloseable {

  /** The test profile's encryption key (application.properties %test). */
  public static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong VERSION = new AtomicLong(1);
  private final KafkaProducer<String, String> producer;

  public StateFeeder() {
    Properties p = new Properties();
    p.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    producer = new KafkaProducer<>(p);
  }

  /** A trunk.config.v1 value with the contract's fields; override entries as needed. */
  public static Map<String, Object> trunk(String name, int port) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("schema", "trunk.config.v1");
    t.put("version", VERSION.incrementAndGet());
    t.put("at", Instant.now().toString());
    t.put("id", UUID.randomUUID().toString());
    t.put("name", name);
    t.put("provider", "generic");
    t.put("enabled", true);
    t.put("host", "127.0.0.1");
    t.put("port", port);
    t.put("transport", "UDP");
    t.put("outboundProxy", null);
    t.put("authMode", "IP");
    t.put("username", null);
    t.put("authUsername", null);
    t.put("passwordEncrypted", null);
    t.put("realm", null);
    t.put("registerExpires", 600);
    t.put("fromDomain", "trunk.example.com");
    t.put("maxConcurrentCalls", 0);
    t.put("maxCallsPerSecond", 0);
    t.put("optionsPing", false);
    t.put("optionsIntervalSeconds", 30);
    t.put("numberFormat", "AS_DIALED");
    t.put("countryCode", null);
    t.put("techPrefix", null);
    t.put("failoverCodes", failoverCodes());
    t.put("callerId", null);
    t.put("didNumbers", null);
    t.put("associatedIps", List.of());
    t.put("createdAt", Instant.now().toString());
    t.put("updatedAt", Instant.now().toString());
    return t;
  }

  /** The services' key ring over the test key (id k1; tokens from before key ids accepted). */
  public static SecretKeyring keyRing() {
    return SecretKeyring.create(SecretSettings.singleKey(KEY));
  }

  /** Sets DIGEST/REGISTER credentials, encrypting the password as the config service does. */
  public static Map<String, Object> withCredentials(
      Map<String, Object> t, String mode, String user, String authUser, String password) {
    t.put("authMode", mode);
    t.put("username", user);
    t.put("authUsername", authUser);
    t.put(
        "passwordEncrypted",
        keyRing().encrypt(password, TrunkSecrets.binding((String) t.get("id"))));
    return t;
  }

  /** A routing.rules.v1 value: prefix, strip/prepend, routes to the trunks in order. */
  public static Map<String, Object> rule(
      String name, String prefix, int strip, String prepend, Map<String, Object>... trunks) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("schema", "routing.rules.v1");
    r.put("version", VERSION.incrementAndGet());
    r.put("at", Instant.now().toString());
    r.put("id", UUID.randomUUID().toString());
    r.put("name", name);
    r.put("enabled", true);
    r.put("priority", 1000);
    Map<String, Object> match = new LinkedHashMap<>();
    match.put("prefixes", List.of(prefix));
    match.put("lengths", null);
    match.put("callers", null);
    r.put("match", match);
    r.put("strategy", "PRIORITIZED");
    List<Map<String, Object>> routes = new java.util.ArrayList<>();
    for (Map<String, Object> t : trunks) {
      Map<String, Object> route = new LinkedHashMap<>();
      route.put("trunkId", t.get("id"));
      route.put("stripDigits", strip);
      route.put("prepend", prepend);
      route.put("callerId", null);
      route.put("weight", 1);
      routes.add(route);
    }
    r.put("routes", routes);
    r.put("schedule", null);
    r.put("createdAt", Instant.now().toString());
    r.put("updatedAt", Instant.now().toString());
    return r;
  }

  /**
   * An inbound.rules.v1 value: calls from the trunk to the DIDs (PortSIP syntax or prefixes with
   * {@code *}) go to the PBX destinations ({@code host:port}) in order, nothing stripped.
   */
  public static Map<String, Object> inboundRule(
      Map<String, Object> trunk, String dids, String... destinations) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("schema", "inbound.rules.v1");
    r.put("version", VERSION.incrementAndGet());
    r.put("at", Instant.now().toString());
    r.put("id", UUID.randomUUID().toString());
    r.put("name", "in-" + trunk.get("name"));
    r.put("enabled", true);
    r.put("priority", 1000);
    Map<String, Object> match = new LinkedHashMap<>();
    match.put("trunkIds", List.of(trunk.get("id")));
    match.put("dids", dids);
    match.put("callers", null);
    r.put("match", match);
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (String d : destinations) {
      out.add(destination(d, 0, ""));
    }
    r.put("destinations", out);
    r.put("schedule", null);
    r.put("afterHours", null);
    r.put("createdAt", Instant.now().toString());
    r.put("updatedAt", Instant.now().toString());
    return r;
  }

  /** One destination of an inbound rule. */
  public static Map<String, Object> destination(String hostPort, int strip, String prepend) {
    Map<String, Object> d = new LinkedHashMap<>();
    int colon = hostPort.lastIndexOf(':');
    d.put("host", hostPort.substring(0, colon));
    d.put("port", Integer.parseInt(hostPort.substring(colon + 1)));
    d.put("transport", "UDP");
    d.put("stripDigits", strip);
    d.put("prepend", prepend);
    return d;
  }

  public void inboundRule(Map<String, Object> r) {
    send("inbound.rules.v1", (String) r.get("id"), r);
  }

  /** A trunk.status.v1 value. */
  public static Map<String, Object> status(Map<String, Object> trunk, String registration) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("schema", "trunk.status.v1");
    s.put("trunkId", trunk.get("id"));
    s.put("trunkName", trunk.get("name"));
    s.put("registration", registration);
    s.put("reachability", "UNKNOWN");
    s.put("lastCode", 200);
    s.put("lastReason", "OK");
    s.put("expiresAt", null);
    s.put("registrar", null);
    s.put("rttMillis", null);
    s.put("failures", 0);
    s.put("version", System.currentTimeMillis() + VERSION.incrementAndGet());
    s.put("at", Instant.now().toString());
    return s;
  }

  /** Bumps the version of a value before re-sending it. */
  public static Map<String, Object> bump(Map<String, Object> v) {
    v.put("version", ((Number) v.get("version")).longValue() + 1000);
    return v;
  }

  public void trunkConfig(Map<String, Object> t) {
    send("trunk.config.v1", (String) t.get("id"), t);
  }

  public void rule(Map<String, Object> r) {
    send("routing.rules.v1", (String) r.get("id"), r);
  }

  public void status(Map<String, Object> s) {
    send("trunk.status.v1", (String) s.get("trunkId"), s);
  }

  /** A tombstone (null value) for the key: what the config service sends on a delete. */
  public void tombstone(String topic, String key) {
    send(topic, key, null);
  }

  private void send(String topic, String key, Map<String, Object> value) {
    try {
      String json = value == null ? null : JSON.writeValueAsString(value);
      producer.send(new ProducerRecord<>(topic, key, json)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<Integer> failoverCodes() {
    List<Integer> codes = new java.util.ArrayList<>(List.of(408));
    for (int i = 500; i <= 599; i++) {
      codes.add(i);
    }
    return codes;
  }

  @Override
  public void close() {
    producer.close();
  }
}
