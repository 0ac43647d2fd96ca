package io.trunkline.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests are deployable as written: every overlay renders, every object parses
 * into a typed model with no unknown field, and the consistency a typo would break holds (ports =
 * the services' configured ports, probe paths, topics = the documented ones, every ConfigMap/Secret
 * reference resolvable).
 */
class K8sManifestsTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void rendersIntoTypedObjectsWithTheWholeCluster(String overlay) {
    Rendered r = Rendered.of(overlay);
    assertThat(r.all(Deployment.class))
        .extracting(d -> d.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(
            Contract.SERVICES.stream().map(Contract.Service::deployment).toList());
    assertThat(r.custom("Kafka")).hasSize(1);
    assertThat(r.custom("KafkaNodePool")).isNotEmpty();
    assertThat(r.custom("KafkaTopic")).hasSize(Contract.TOPICS.size());
    assertThat(r.custom("ServiceMonitor")).hasSize(1);
    assertThat(r.custom("PrometheusRule")).hasSize(1);
    assertThat(r.all(DaemonSet.class))
        .extracting(d -> d.getMetadata().getName())
        .containsExactly("rtpengine");
    assertThat(r.objects).allMatch(o -> "trunkline".equals(namespaceOrSelf(o)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void containerPortsAreTheServicesConfiguredPorts(String overlay) {
    Rendered r = Rendered.of(overlay);
    for (Contract.Service s : Contract.SERVICES) {
      var props = Repo.applicationProperties(s.dir());
      int http = Integer.parseInt(Repo.configured(props, "quarkus.http.port").orElseThrow());
      Container c = Rendered.container(r.deployment(s.deployment()));
      assertThat(port(c, "http").getContainerPort()).as(s.dir() + " http").isEqualTo(http);
      assertThat(port(c, "http").getProtocol()).isEqualTo("TCP");
      if (s.sipPort() == null) {
        assertThat(c.getPorts()).as(s.dir() + " has no SIP").hasSize(1);
        continue;
      }
      // trunkline.sip.port may not be in application.properties: the documented port then.
      int sip =
          Integer.parseInt(
              Repo.configured(props, "trunkline.sip.port").orElse(String.valueOf(s.sipPort())));
      assertThat(port(c, "sip-udp").getContainerPort()).as(s.dir() + " sip").isEqualTo(sip);
      assertThat(port(c, "sip-udp").getProtocol()).isEqualTo("UDP");
      assertThat(port(c, "sip-tcp").getContainerPort()).isEqualTo(sip);
      assertThat(port(c, "sip-tcp").getProtocol()).isEqualTo("TCP");
      // The service binds where the env says: it must be the port the pod exposes.
      assertThat(r.envValue(c, "TRUNKLINE_SIP_PORT")).contains(String.valueOf(sip));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void probesUseTheQuarkusHealthEndpointsOnTheHttpPort(String overlay) {
    Rendered r = Rendered.of(overlay);
    for (Contract.Service s : Contract.SERVICES) {
      Container c = Rendered.container(r.deployment(s.deployment()));
      assertHttpProbe(c, c.getLivenessProbe(), Contract.LIVE);
      assertHttpProbe(c, c.getReadinessProbe(), Contract.READY);
      if (c.getStartupProbe() != null) {
        assertHttpProbe(c, c.getStartupProbe(), Contract.LIVE);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void podsRunNonRootOnAReadOnlyRootWithAWritableTmpAndBoundedResources(String overlay) {
    Rendered r = Rendered.of(overlay);
    for (Contract.Service s : Contract.SERVICES) {
      Deployment d = r.deployment(s.deployment());
      var pod = d.getSpec().getTemplate().getSpec();
      Container c = Rendered.container(d);
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
      assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(c.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
      var tmp =
          c.getVolumeMounts().stream()
              .filter(m -> m.getMountPath().equals("/tmp"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(s.dir() + ": no /tmp mount"));
      assertThat(pod.getVolumes())
          .anySatisfy(
              v -> {
                assertThat(v.getName()).isEqualTo(tmp.getName());
                assertThat(v.getEmptyDir()).isNotNull();
              });
      assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
      assertThat(c.getResources().getLimits()).containsKey("memory");
      assertThat(c.getImage()).isEqualTo("trunkline/" + s.dir() + ":0.1.0-SNAPSHOT");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyServiceGetsTheEnvironmentOfTheContract(String overlay) {
    Rendered r = Rendered.of(overlay);
    for (Contract.Service s : Contract.SERVICES) {
      Container c = Rendered.container(r.deployment(s.deployment()));
      Map<String, String> env = r.environment(c);
      assertThat(env).as(s.dir()).containsKeys(Contract.COMMON_ENV.toArray(String[]::new));
      assertThat(env)
          .as(s.dir())
          .containsKeys(Contract.serviceEnv(s.deployment()).toArray(String[]::new));
      // A key the service requires from the environment (${VAR} without a default) is set.
      var props = Repo.applicationProperties(s.dir());
      for (String key : props.stringPropertyNames()) {
        Matcher required =
            Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(props.getProperty(key).trim());
        if (!key.startsWith("%") && required.matches()) {
          assertThat(env).as(s.dir() + " " + key).containsKey(required.group(1));
        }
      }
      // Secrets only from Secrets, never as a literal or from a ConfigMap.
      for (String secret :
          List.of(
              "TRUNKLINE_API_KEYS",
              "TRUNKLINE_SECRETS_ENCRYPTION_KEY",
              "QUARKUS_DATASOURCE_PASSWORD")) {
        if (env.containsKey(secret)) {
          assertThat(env.get(secret)).as(s.dir() + " " + secret).startsWith("secret:");
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyReferencedConfigMapAndSecretKeyIsDefinedOrDocumentedAsOperatorCreated(String overlay) {
    Rendered r = Rendered.of(overlay);
    Set<String> operatorCreated = operatorCreatedSecretKeys();
    for (var entry : r.allContainers()) {
      for (String src : r.environment(entry.getValue()).values()) {
        if (src.startsWith("configmap:")) {
          String[] ref = src.substring(10).split("/", 2);
          assertThat(r.find(ConfigMap.class, ref[0]))
              .as(entry.getKey() + " ConfigMap " + ref[0])
              .hasValueSatisfying(m -> assertThat(m.getData()).containsKey(ref[1]));
        } else if (src.startsWith("secret:")) {
          String[] ref = src.substring(7).split("/", 2);
          boolean inManifests =
              r.find(Secret.class, ref[0])
                  .map(s -> s.getData() != null && s.getData().containsKey(ref[1]))
                  .orElse(false);
          assertThat(inManifests || operatorCreated.contains(ref[0] + "/" + ref[1]))
              .as(entry.getKey() + " Secret key " + ref[0] + "/" + ref[1] + " in k8s/README.md")
              .isTrue();
        }
      }
    }
    // Volumes from ConfigMaps too (the drain script, ...); an optional one is the operator's.
    for (var o : r.objects) {
      var template = podTemplate(o);
      if (template == null) {
        continue;
      }
      for (var v : template.getSpec().getVolumes()) {
        if (v.getConfigMap() != null && !Boolean.TRUE.equals(v.getConfigMap().getOptional())) {
          assertThat(r.find(ConfigMap.class, v.getConfigMap().getName()))
              .as(o.getMetadata().getName() + " volume " + v.getName())
              .isPresent();
        }
        // Secrets come as env values, except files a program reads as files (a TLS certificate):
        // those Secrets are the operator's, listed in k8s/README.md like the others.
        if (v.getSecret() != null) {
          assertThat(operatorCreated)
              .as(o.getMetadata().getName() + " secret volume " + v.getName() + " in k8s/README.md")
              .anyMatch(k -> k.startsWith(v.getSecret().getSecretName() + "/"));
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void servicesSelectPodsAndTargetTheirNamedPortsWithTheSameProtocol(String overlay) {
    Rendered r = Rendered.of(overlay);
    for (Service svc : r.all(Service.class)) {
      var selector = svc.getSpec().getSelector();
      List<Container> targets =
          r.objects.stream()
              .map(K8sManifestsTest::podTemplate)
              .filter(Objects::nonNull)
              .filter(t -> t.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
              .flatMap(t -> t.getSpec().getContainers().stream())
              .toList();
      assertThat(targets).as(svc.getMetadata().getName() + " selects pods").isNotEmpty();
      for (ServicePort p : svc.getSpec().getPorts()) {
        String target = p.getTargetPort().getStrVal();
        assertThat(target).as(svc.getMetadata().getName() + " uses named target ports").isNotNull();
        assertThat(targets)
            .as(svc.getMetadata().getName() + " port " + target)
            .anySatisfy(
                c ->
                    assertThat(c.getPorts())
                        .anySatisfy(
                            cp -> {
                              assertThat(cp.getName()).isEqualTo(target);
                              assertThat(cp.getProtocol()).isEqualTo(p.getProtocol());
                              assertThat(cp.getContainerPort()).isEqualTo(p.getPort());
                            }));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void sipOfRegistrationAndCallRoutingIsExposedOverUdpAndTcp(String overlay) {
    Rendered r = Rendered.of(overlay);
    for (Contract.Service s : Contract.SERVICES) {
      if (s.sipPort() == null) {
        continue;
      }
      Service sip =
          r.find(Service.class, s.deployment() + "-sip")
              .orElseThrow(() -> new AssertionError("no SIP Service for " + s.dir()));
      assertThat(sip.getSpec().getPorts())
          .extracting(ServicePort::getProtocol, ServicePort::getPort)
          .contains(
              org.assertj.core.groups.Tuple.tuple("UDP", s.sipPort()),
              org.assertj.core.groups.Tuple.tuple("TCP", s.sipPort()))
          // call-routing also takes SIP over TLS from providers (its port is checked elsewhere).
          .hasSize(s.deployment().equals("call-routing") ? 3 : 2);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void kafkaTopicsAreTheFourOfDesignWithTheirPolicies(String overlay) {
    Rendered r = Rendered.of(overlay);
    String cluster = r.custom("Kafka").get(0).getMetadata().getName();
    int brokers =
        r.custom("KafkaNodePool").stream()
            .filter(p -> String.valueOf(Rendered.spec(p).get("roles")).contains("broker"))
            .mapToInt(p -> ((Number) Rendered.spec(p).get("replicas")).intValue())
            .sum();
    Map<String, String> policies = new java.util.LinkedHashMap<>();
    for (var topic : r.custom("KafkaTopic")) {
      var spec = Rendered.spec(topic);
      var config = Rendered.map(spec.get("config"));
      String name = String.valueOf(spec.getOrDefault("topicName", topic.getMetadata().getName()));
      assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
      policies.put(name, String.valueOf(config.get("cleanup.policy")));
      int replicas = ((Number) spec.get("replicas")).intValue();
      assertThat(replicas).as(name + " replicas").isBetween(1, brokers);
      assertThat(((Number) spec.get("partitions")).intValue()).isPositive();
      if (config.containsKey("min.insync.replicas")) {
        assertThat(((Number) config.get("min.insync.replicas")).intValue())
            .as(name + " min ISR")
            .isLessThanOrEqualTo(replicas);
      }
      if (name.equals("call.events.v1")) {
        assertThat(((Number) config.get("retention.ms")).longValue())
            .isEqualTo(Contract.CALL_EVENTS_RETENTION_MS);
      }
    }
    assertThat(policies).isEqualTo(Contract.TOPICS);
    assertThat(r.custom("KafkaNodePool"))
        .allSatisfy(
            p ->
                assertThat(p.getMetadata().getLabels())
                    .containsEntry("strimzi.io/cluster", cluster));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void kafkaAndDatabaseAddressesPointAtRenderedObjects(String overlay) {
    Rendered r = Rendered.of(overlay);
    var kafka = r.custom("Kafka").get(0);
    var listeners = (List<?>) Rendered.map(Rendered.spec(kafka).get("kafka")).get("listeners");
    Set<String> bootstraps = new HashSet<>();
    for (Object l : listeners) {
      var listener = Rendered.map(l);
      bootstraps.add(kafka.getMetadata().getName() + "-kafka-bootstrap:" + listener.get("port"));
    }
    for (Contract.Service s : Contract.SERVICES) {
      Container c = Rendered.container(r.deployment(s.deployment()));
      assertThat(r.envValue(c, "KAFKA_BOOTSTRAP_SERVERS")).get().isIn(bootstraps);
    }
    Container config = Rendered.container(r.deployment("trunk-config"));
    String jdbc = r.envValue(config, "QUARKUS_DATASOURCE_JDBC_URL").orElseThrow();
    String reactive = r.envValue(config, "QUARKUS_DATASOURCE_REACTIVE_URL").orElseThrow();
    Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)").matcher(jdbc);
    assertThat(m.matches()).as(jdbc).isTrue();
    assertThat(reactive)
        .isEqualTo("postgresql://" + m.group(1) + ":" + m.group(2) + "/" + m.group(3));
    String host = m.group(1);
    // dev: a Service of that name; prod: CloudNativePG names its primary Service <cluster>-rw.
    boolean service = r.find(Service.class, host).isPresent();
    boolean cnpg =
        r.custom("Cluster").stream()
            .anyMatch(c -> (c.getMetadata().getName() + "-rw").equals(host));
    assertThat(service || cnpg).as("database host " + host).isTrue();
    r.custom("Cluster")
        .forEach(
            c -> {
              var initdb =
                  Rendered.map(Rendered.map(Rendered.spec(c).get("bootstrap")).get("initdb"));
              assertThat(initdb.get("database")).isEqualTo(m.group(3));
              // CloudNativePG creates the credentials Secret <cluster>-app.
              assertThat(r.environment(config).get("QUARKUS_DATASOURCE_PASSWORD"))
                  .isEqualTo("secret:" + c.getMetadata().getName() + "-app/password");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void callRoutingDrainsItsCallsWithinTheGracePeriod(String overlay) {
    Rendered r = Rendered.of(overlay);
    Deployment d = r.deployment("call-routing");
    Container c = Rendered.container(d);
    var exec = c.getLifecycle().getPreStop().getExec();
    assertThat(exec.getCommand()).hasSize(2).startsWith("/bin/sh");
    String script = exec.getCommand().get(1);
    var mount =
        c.getVolumeMounts().stream()
            .filter(vm -> script.startsWith(vm.getMountPath() + "/"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("drain script not mounted: " + script));
    var volume =
        d.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals(mount.getName()))
            .findFirst()
            .orElseThrow();
    ConfigMap cm = r.find(ConfigMap.class, volume.getConfigMap().getName()).orElseThrow();
    String file = script.substring(mount.getMountPath().length() + 1);
    assertThat(cm.getData().get(file))
        .isEqualTo(Repo.read(Repo.path("k8s/base/call-routing/drain.sh")));
    long grace = d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
    long maxDrain = Long.parseLong(r.envValue(c, "DRAIN_MAX_SECONDS").orElse("870"));
    assertThat(maxDrain).as("drain ends before SIGKILL").isLessThan(grace);
    // The drain polls the metrics port of the container.
    assertThat(cm.getData().get(file))
        .contains("127.0.0.1:" + port(c, "http").getContainerPort() + Contract.METRICS)
        .contains("trunk_active_calls");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void rtpengineRunsOnEveryNodesOwnNetworkAndCallRoutingFindsEveryInstance(String overlay) {
    Rendered r = Rendered.of(overlay);
    DaemonSet ds = r.find(DaemonSet.class, "rtpengine").orElseThrow();
    var pod = ds.getSpec().getTemplate().getSpec();
    // RTP on the node's own ports: no pod-network NAT between providers and the relay
    assertThat(pod.getHostNetwork()).isTrue();
    assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    Container c = pod.getContainers().get(0);
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getResources().getLimits()).containsKey("memory");
    Map<String, String> env = r.environment(c);
    assertThat(env)
        .containsEntry("HOST_IP", "field:status.hostIP")
        .containsEntry("NODE_NAME", "field:spec.nodeName")
        .containsKey("RTPENGINE_PUBLIC_ADDRESS");
    int ng = Integer.parseInt(r.envValue(c, "RTPENGINE_NG_PORT").orElseThrow());
    int min = Integer.parseInt(r.envValue(c, "RTPENGINE_PORT_MIN").orElseThrow());
    int max = Integer.parseInt(r.envValue(c, "RTPENGINE_PORT_MAX").orElseThrow());
    assertThat(port(c, "ng").getContainerPort()).isEqualTo(ng);
    assertThat(port(c, "ng").getProtocol()).isEqualTo("UDP");
    assertThat(min).isGreaterThan(1024).isLessThan(max);
    assertThat(max).isLessThanOrEqualTo(65535);
    assertThat(ng < min || ng > max).as("ng port outside the RTP range").isTrue();
    // the start script runs rtpengine in user space with that configuration, and is the probe
    String startMap =
        pod.getVolumes().stream()
            .filter(
                v ->
                    v.getConfigMap() != null
                        && !Boolean.TRUE.equals(v.getConfigMap().getOptional()))
            .findFirst()
            .orElseThrow()
            .getConfigMap()
            .getName();
    String script =
        r.find(ConfigMap.class, startMap).orElseThrow().getData().get("rtpengine-start.sh");
    assertThat(script)
        .isEqualTo(Repo.read(Repo.path("k8s/base/rtpengine/rtpengine-start.sh")))
        .contains("--table=-1", "$RTPENGINE_PORT_MIN", "$RTPENGINE_PORT_MAX", "--listen-ng=");
    assertThat(c.getReadinessProbe().getExec().getCommand()).contains("ping");
    // call-routing's instances: the headless Service over the DaemonSet, on the ng port
    String instances =
        r.envValue(Rendered.container(r.deployment("call-routing")), "TRUNKLINE_MEDIA_INSTANCES")
            .orElseThrow();
    String[] hostPort = instances.split(":");
    Service svc = r.find(Service.class, hostPort[0]).orElseThrow();
    assertThat(svc.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(ds.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(svc.getSpec().getSelector());
    assertThat(svc.getSpec().getPorts())
        .anySatisfy(
            p -> {
              assertThat(p.getPort()).isEqualTo(Integer.parseInt(hostPort[1]));
              assertThat(p.getProtocol()).isEqualTo("UDP");
            });
    // the README tells which ports to open, with these numbers
    String readme = Repo.read(Repo.path("k8s/README.md"));
    assertThat(readme).contains(min + "-" + max).contains(ng + "/UDP");
  }

  @Test
  void prodHasReplicasDisruptionBudgetsAndAnAutoscaledCallRoutingButOneOutboxRelay() {
    Rendered r = Rendered.of("prod");
    for (Contract.Service s : Contract.SERVICES) {
      Deployment d = r.deployment(s.deployment());
      if (s.deployment().equals("trunk-config")) {
        // One outbox relay at a time (k8s/README.md): one pod, never two during a rollout.
        assertThat(d.getSpec().getReplicas()).isEqualTo(1);
        assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
      } else {
        assertThat(d.getSpec().getReplicas()).as(s.dir()).isGreaterThanOrEqualTo(2);
      }
      var pdb =
          r.all(io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class).stream()
              .filter(
                  p ->
                      d.getSpec()
                          .getTemplate()
                          .getMetadata()
                          .getLabels()
                          .entrySet()
                          .containsAll(p.getSpec().getSelector().getMatchLabels().entrySet()))
              .toList();
      assertThat(pdb).as(s.dir() + " PDB").hasSize(1);
    }
    var hpa = r.all(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class);
    assertThat(hpa).hasSize(1);
    assertThat(hpa.get(0).getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
    assertThat(hpa.get(0).getSpec().getScaleTargetRef().getName()).isEqualTo("call-routing");
    assertThat(hpa.get(0).getSpec().getMinReplicas())
        .isLessThanOrEqualTo(r.deployment("call-routing").getSpec().getReplicas());
    assertThat(r.custom("Cluster")).hasSize(1);
    assertThat(r.all(io.fabric8.kubernetes.api.model.apps.StatefulSet.class)).isEmpty();
  }

  @Test
  void prodAdvertisesCallRoutingsPublicNameNotThePodAddress() {
    Rendered r = Rendered.of("prod");
    Container callRouting = Rendered.container(r.deployment("call-routing"));
    String advertised = configMapValue(r, callRouting, "TRUNKLINE_SIP_ADVERTISED_HOST");
    assertThat(advertised).as("prod sets call-routing's public SIP address").isNotBlank();
    // the public name registration registers as the Contact of every REGISTER
    Container registration = Rendered.container(r.deployment("registration"));
    assertThat(configMapValue(r, registration, "TRUNKLINE_REGISTRATION_CONTACT_URI"))
        .startsWith("sip:" + advertised);
    // and a trunk pointing there is our own address: a loop, in call-routing and in trunk-config
    assertThat(configMapValue(r, callRouting, "TRUNKLINE_LOOP_OWN_SIP_ADDRESSES").split(","))
        .contains(advertised);
    Container trunkConfig = Rendered.container(r.deployment("trunk-config"));
    assertThat(configMapValue(r, trunkConfig, "TRUNKLINE_LOOP_OWN_SIP_ADDRESSES").split(","))
        .contains(advertised);
  }

  @Test
  void theOwnAddressListsFollowThePublicAddressAnOperatorSetsInProd(@TempDir Path tmp)
      throws Exception {
    Path k8s = tmp.resolve("k8s");
    try (Stream<Path> files = Files.walk(Repo.path("k8s"))) {
      for (Path f : files.toList()) {
        Path to = k8s.resolve(Repo.path("k8s").relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    Path prod = k8s.resolve("overlays/prod/kustomization.yaml");
    String edited =
        Files.readString(prod)
            .replace(
                "TRUNKLINE_SIP_ADVERTISED_HOST=sip.trunkline.example.net",
                "TRUNKLINE_SIP_ADVERTISED_HOST=203.0.113.50");
    assertThat(edited).contains("=203.0.113.50");
    Files.writeString(prod, edited);
    Rendered r = Rendered.at(k8s.resolve("overlays/prod"));
    for (String service : List.of("call-routing", "trunk-config")) {
      Container c = Rendered.container(r.deployment(service));
      List<String> own =
          List.of(configMapValue(r, c, "TRUNKLINE_LOOP_OWN_SIP_ADDRESSES").split(","));
      assertThat(own).as(service).contains("203.0.113.50");
      assertThat(own).as(service).noneMatch(a -> a.contains("example.net"));
    }
  }

  /** An environment variable's value, which must come from a ConfigMap. */
  private static String configMapValue(Rendered r, Container c, String name) {
    String src = r.environment(c).get(name);
    assertThat(src).as(name + " from a ConfigMap").startsWith("configmap:");
    String[] ref = src.substring(10).split("/", 2);
    return r.find(ConfigMap.class, ref[0]).orElseThrow().getData().get(ref[1]);
  }

  @Test
  void devRunsSingleReplicasAndAStatefulSetPostgres() {
    Rendered r = Rendered.of("dev");
    for (Contract.Service s : Contract.SERVICES) {
      assertThat(r.deployment(s.deployment()).getSpec().getReplicas()).isEqualTo(1);
    }
    assertThat(r.all(io.fabric8.kubernetes.api.model.apps.StatefulSet.class)).hasSize(1);
    assertThat(r.custom("Cluster")).isEmpty();
    assertThat(r.custom("KafkaTopic"))
        .allSatisfy(t -> assertThat(Rendered.spec(t).get("replicas")).isEqualTo(1));
  }

  @Test
  void aMisspeltFieldOrKindFailsTheStrictParse() {
    String deployment = Repo.read(Repo.path("k8s/base/trunk-config/deployment.yaml"));
    StrictManifests.parse(deployment);
    assertThatThrownBy(
            () -> StrictManifests.parse(deployment.replace("readinessProbe:", "redinessProbe:")))
        .hasMessageContaining("redinessProbe");
    assertThatThrownBy(
            () -> StrictManifests.parse(deployment.replace("kind: Deployment", "kind: Deploymnet")))
        .hasMessageContaining("Deploymnet");
  }

  private static io.fabric8.kubernetes.api.model.PodTemplateSpec podTemplate(Object o) {
    if (o instanceof Deployment d) {
      return d.getSpec().getTemplate();
    }
    if (o instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet s) {
      return s.getSpec().getTemplate();
    }
    if (o instanceof DaemonSet d) {
      return d.getSpec().getTemplate();
    }
    return null;
  }

  private static String namespaceOrSelf(io.fabric8.kubernetes.api.model.HasMetadata o) {
    return o.getKind().equals("Namespace")
        ? o.getMetadata().getName()
        : o.getMetadata().getNamespace();
  }

  private static ContainerPort port(Container c, String name) {
    return c.getPorts().stream()
        .filter(p -> name.equals(p.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(c.getName() + " has no port " + name));
  }

  private static void assertHttpProbe(Container c, Probe probe, String path) {
    assertThat(probe).as(c.getName() + " probe " + path).isNotNull();
    HTTPGetAction get = probe.getHttpGet();
    assertThat(get.getPath()).isEqualTo(path);
    String portName = get.getPort().getStrVal();
    assertThat(port(c, portName).getProtocol()).isEqualTo("TCP");
    assertThat(portName).isEqualTo("http");
  }

  /** "secret/key" pairs of the table in k8s/README.md, section "Secrets". */
  static Set<String> operatorCreatedSecretKeys() {
    Set<String> keys = new HashSet<>();
    Matcher m =
        Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\| `([A-Za-z0-9._-]+)` \\|")
            .matcher(Repo.read(Repo.path("k8s/README.md")));
    while (m.find()) {
      keys.add(m.group(1) + "/" + m.group(2));
    }
    return keys;
  }
}
