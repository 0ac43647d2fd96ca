package io.trunkline.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cluster's own defences as rendered: production start-up switches, Kafka only over TLS with a
 * SCRAM user per service whose ACLs match the topics that service produces and consumes, and
 * NetworkPolicies that admit only what each pod needs.
 */
class K8sClusterSecurityTest {

  /** Topics a service writes (it is their only producer), reads, and its consumer groups. */
  record Access(Set<String> writes, Set<String> reads, Set<String> groups) {}

  /** The config topics: trunk-config alone may write them. */
  static final Set<String> CONFIG_TOPICS =
      Set.of("trunk.config.v1", "routing.rules.v1", "inbound.rules.v1");

  static final Map<String, Access> ACCESS =
      Map.of(
          "trunk-config",
          new Access(CONFIG_TOPICS, CONFIG_TOPICS, Set.of()),
          "registration",
          new Access(
              Set.of("trunk.status.v1"),
              Set.of("trunk.config.v1"),
              Set.of(
                  Repo.configured(
                          Repo.applicationProperties("registration-service"),
                          "trunkline.kafka.consumer-group")
                      .orElseThrow())),
          "call-routing",
          new Access(
              Set.of("call.events.v1"),
              Set.of("trunk.config.v1", "routing.rules.v1", "inbound.rules.v1", "trunk.status.v1"),
              Set.of()));

  @Test
  void prodNamesNoPbxSourcesOfItsOwnAndTurnsTheProductionChecksOn() {
    Rendered prod = Rendered.of("prod");
    Container routing = Rendered.container(prod.deployment("call-routing"));
    assertThat(prod.envValue(routing, "TRUNKLINE_ROUTING_PBX_CIDRS"))
        .as("prod must not inherit a PBX range")
        .hasValue("");
    for (Contract.Service s : Contract.SERVICES) {
      Container c = Rendered.container(prod.deployment(s.deployment()));
      assertThat(prod.envValue(c, "TRUNKLINE_DEPLOYMENT")).as(s.dir()).hasValue("production");
    }
    Rendered dev = Rendered.of("dev");
    Container devRouting = Rendered.container(dev.deployment("call-routing"));
    assertThat(dev.envValue(devRouting, "TRUNKLINE_ROUTING_PBX_CIDRS")).hasValue("10.0.0.0/8");
    assertThat(dev.envValue(devRouting, "TRUNKLINE_DEPLOYMENT")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void kafkaListensOnlyOverTlsWithScramAndAdmitsTheThreeServices(String overlay) {
    Rendered r = Rendered.of(overlay);
    Map<String, Object> kafka = Rendered.map(Rendered.spec(r.custom("Kafka").get(0)).get("kafka"));
    assertThat(Rendered.map(kafka.get("authorization")).get("type")).isEqualTo("simple");
    List<?> listeners = (List<?>) kafka.get("listeners");
    assertThat(listeners).hasSize(1);
    Map<String, Object> listener = Rendered.map(listeners.get(0));
    assertThat(listener.get("tls")).isEqualTo(true);
    assertThat(Rendered.map(listener.get("authentication")).get("type")).isEqualTo("scram-sha-512");
    Set<String> peers =
        ((List<?>) listener.get("networkPolicyPeers"))
            .stream()
                .map(
                    p ->
                        Rendered.map(
                            Rendered.map(Rendered.map(p).get("podSelector")).get("matchLabels")))
                .map(l -> String.valueOf(l.get("app.kubernetes.io/name")))
                .collect(Collectors.toSet());
    assertThat(peers).containsExactlyInAnyOrder("trunk-config", "registration", "call-routing");

    // Every service reaches that listener as its own user, with the cluster CA.
    String port = String.valueOf(listener.get("port"));
    for (Contract.Service s : Contract.SERVICES) {
      Container c = Rendered.container(r.deployment(s.deployment()));
      Map<String, String> env = r.environment(c);
      assertThat(r.envValue(c, "KAFKA_BOOTSTRAP_SERVERS").orElseThrow()).endsWith(":" + port);
      assertThat(r.envValue(c, "TRUNKLINE_KAFKA_SECURITY_PROTOCOL")).hasValue("SASL_SSL");
      assertThat(r.envValue(c, "TRUNKLINE_KAFKA_SECURITY_SASL_MECHANISM"))
          .hasValue("SCRAM-SHA-512");
      assertThat(r.envValue(c, "TRUNKLINE_KAFKA_SECURITY_USERNAME")).hasValue(s.deployment());
      assertThat(env.get("TRUNKLINE_KAFKA_SECURITY_PASSWORD"))
          .isEqualTo("secret:" + s.deployment() + "/password");
      assertThat(env.get("TRUNKLINE_KAFKA_SECURITY_TRUSTSTORE_CERTIFICATES"))
          .isEqualTo("secret:trunkline-kafka-cluster-ca-cert/ca.crt");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void eachServiceUserMayWriteOnlyWhatItProducesAndReadWhatItConsumes(String overlay) {
    Rendered r = Rendered.of(overlay);
    Map<String, Map<String, Set<String>>> byUser = new TreeMap<>();
    for (GenericKubernetesResource u : r.custom("KafkaUser")) {
      Map<String, Object> spec = Rendered.spec(u);
      assertThat(Rendered.map(spec.get("authentication")).get("type")).isEqualTo("scram-sha-512");
      assertThat(Rendered.map(u.getMetadata().getLabels()).get("strimzi.io/cluster"))
          .isEqualTo("trunkline-kafka");
      Map<String, Set<String>> ops = new HashMap<>();
      for (Object acl : (List<?>) Rendered.map(spec.get("authorization")).get("acls")) {
        Map<String, Object> resource = Rendered.map(Rendered.map(acl).get("resource"));
        String key = resource.get("type") + ":" + resource.getOrDefault("name", "");
        if (resource.containsKey("name")) {
          assertThat(resource.get("patternType")).as(key).isEqualTo("literal");
        }
        for (Object op : (List<?>) Rendered.map(acl).get("operations")) {
          ops.computeIfAbsent(String.valueOf(op), o -> new TreeSet<>()).add(key);
        }
      }
      byUser.put(u.getMetadata().getName(), ops);
    }
    assertThat(byUser.keySet()).containsExactlyInAnyOrderElementsOf(ACCESS.keySet());

    Set<String> knownTopics = new TreeSet<>(Contract.TOPICS.keySet());
    knownTopics.add(
        "inbound.rules.v1"); // a contract topic whose KafkaTopic comes with inbound rules
    ACCESS.forEach(
        (user, access) -> {
          Map<String, Set<String>> ops = byUser.get(user);
          assertThat(topics(ops, "Write")).as(user + " writes").isEqualTo(access.writes());
          assertThat(topics(ops, "Read")).as(user + " reads").isEqualTo(access.reads());
          assertThat(names(ops, "Read", "group")).as(user + " groups").isEqualTo(access.groups());
          Set<String> described = topics(ops, "Describe");
          assertThat(described).as(user + " describes").containsAll(access.writes());
          assertThat(merge(access.writes(), access.reads())).isSubsetOf(knownTopics);
          assertThat(ops.keySet())
              .as(user + " operations")
              .isSubsetOf(Set.of("Read", "Write", "Describe", "IdempotentWrite"));
        });
    // Nobody but trunk-config may write a config topic.
    byUser.forEach(
        (user, ops) -> {
          if (!user.equals("trunk-config")) {
            assertThat(topics(ops, "Write")).as(user).doesNotContainAnyElementsOf(CONFIG_TOPICS);
          }
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void networkPoliciesDenyByDefaultAndAdmitOnlyWhatEachPodNeeds(String overlay) {
    Rendered r = Rendered.of(overlay);
    List<NetworkPolicy> policies = r.all(NetworkPolicy.class);
    NetworkPolicy deny = r.find(NetworkPolicy.class, "default-deny-ingress").orElseThrow();
    assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
    assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(deny.getSpec().getIngress()).isNullOrEmpty();

    for (Contract.Service s : Contract.SERVICES) {
      String name = s.deployment();
      NetworkPolicy p =
          policies.stream()
              .filter(n -> name.equals(selected(n)))
              .findFirst()
              .orElseThrow(() -> new AssertionError(overlay + ": no NetworkPolicy for " + name));
      Container c = Rendered.container(r.deployment(name));
      Map<String, String> containerPorts =
          c.getPorts().stream()
              .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getProtocol));
      for (NetworkPolicyIngressRule rule : p.getSpec().getIngress()) {
        for (var port : rule.getPorts()) {
          String portName = port.getPort().getStrVal();
          assertThat(containerPorts).as(name + " port " + portName).containsKey(portName);
          assertThat(port.getProtocol()).isEqualTo(containerPorts.get(portName));
        }
      }
      // The HTTP port: monitoring and API clients, never the whole world.
      NetworkPolicyIngressRule http = ruleFor(p, "http");
      assertThat(http.getFrom()).as(name + " http from").isNotEmpty();
      assertThat(http.getFrom())
          .anySatisfy(
              peer ->
                  assertThat(namespaceLabel(peer))
                      .isEqualTo("kubernetes.io/metadata.name=monitoring"));
      // SIP from anywhere on the two SIP services, nothing else open to all.
      boolean sip = containerPorts.containsKey("sip-udp");
      if (sip) {
        assertThat(ruleFor(p, "sip-udp").getFrom()).as(name + " SIP from anyone").isNullOrEmpty();
        assertThat(ruleFor(p, "sip-tcp").getFrom()).isNullOrEmpty();
      }
      for (NetworkPolicyIngressRule rule : p.getSpec().getIngress()) {
        if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
          assertThat(rule.getPorts())
              .extracting(port -> port.getPort().getStrVal())
              .as(name + ": open to all")
              .allMatch(n -> n.startsWith("sip-"));
        }
      }
    }

    // PostgreSQL admits trunk-config (and, in prod, its own replicas and operator) on 5432.
    NetworkPolicy db = r.find(NetworkPolicy.class, "trunkline-db").orElseThrow();
    Set<String> dbPeers = new TreeSet<>();
    for (NetworkPolicyIngressRule rule : db.getSpec().getIngress()) {
      assertThat(rule.getFrom()).isNotEmpty();
      for (NetworkPolicyPeer peer : rule.getFrom()) {
        dbPeers.add(
            peer.getPodSelector() != null
                ? String.valueOf(peer.getPodSelector().getMatchLabels())
                : namespaceLabel(peer));
      }
      assertThat(rule.getPorts())
          .extracting(port -> port.getPort())
          .contains(new IntOrString(5432));
    }
    assertThat(dbPeers).contains("{app.kubernetes.io/name=trunk-config}");
    assertThat(dbPeers)
        .allMatch(
            p ->
                p.equals("{app.kubernetes.io/name=trunk-config}")
                    || p.equals("{cnpg.io/cluster=trunkline-db}")
                    || p.equals("kubernetes.io/metadata.name=cnpg-system"));
  }

  private static String selected(NetworkPolicy p) {
    Map<String, String> labels = p.getSpec().getPodSelector().getMatchLabels();
    return labels == null ? null : labels.get("app.kubernetes.io/name");
  }

  private static NetworkPolicyIngressRule ruleFor(NetworkPolicy p, String portName) {
    return p.getSpec().getIngress().stream()
        .filter(
            rule ->
                rule.getPorts().stream().anyMatch(x -> portName.equals(x.getPort().getStrVal())))
        .findFirst()
        .orElseThrow(() -> new AssertionError(p.getMetadata().getName() + ": no " + portName));
  }

  private static String namespaceLabel(NetworkPolicyPeer peer) {
    if (peer.getNamespaceSelector() == null) {
      return "";
    }
    return peer.getNamespaceSelector().getMatchLabels().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  private static Set<String> topics(Map<String, Set<String>> ops, String op) {
    return names(ops, op, "topic");
  }

  private static Set<String> names(Map<String, Set<String>> ops, String op, String type) {
    return ops.getOrDefault(op, Set.of()).stream()
        .filter(k -> k.startsWith(type + ":"))
        .map(k -> k.substring(type.length() + 1))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> merge(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
