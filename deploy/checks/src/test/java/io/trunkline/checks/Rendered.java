package io.trunkline.checks;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** One rendered overlay: its objects and look-ups over them. */
final class Rendered {

  private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

  final String overlay;
  final List<HasMetadata> objects;

  private Rendered(String overlay, List<HasMetadata> objects) {
    this.overlay = overlay;
    this.objects = objects;
  }

  static Rendered of(String overlay) {
    return CACHE.computeIfAbsent(
        overlay,
        o -> {
          try {
            return new Rendered(
                o, StrictManifests.parseAll(Repo.kustomize(Repo.path("k8s/overlays/" + o))));
          } catch (Exception e) {
            throw new IllegalStateException("overlay " + o + ": " + e.getMessage(), e);
          }
        });
  }

  /** A kustomization outside k8s/overlays (a copy a test changed), rendered and not cached. */
  static Rendered at(java.nio.file.Path dir) throws Exception {
    return new Rendered(dir.toString(), StrictManifests.parseAll(Repo.kustomize(dir)));
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
  }

  List<GenericKubernetesResource> custom(String kind) {
    return all(GenericKubernetesResource.class).stream()
        .filter(o -> o.getKind().equals(kind))
        .toList();
  }

  Deployment deployment(String name) {
    return find(Deployment.class, name)
        .orElseThrow(() -> new AssertionError(overlay + ": no Deployment " + name));
  }

  static Container container(Deployment d) {
    List<Container> cs = d.getSpec().getTemplate().getSpec().getContainers();
    if (cs.size() != 1) {
      throw new AssertionError(d.getMetadata().getName() + ": expected one container");
    }
    return cs.get(0);
  }

  /**
   * The container's environment as the pod will see it: name -> a description of its source
   * ("value:x", "configmap:name/key", "secret:name/key", "field:path"). envFrom ConfigMaps must
   * exist (else AssertionError).
   */
  Map<String, String> environment(Container c) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvFromSource from : c.getEnvFrom()) {
      if (from.getConfigMapRef() != null) {
        String cm = from.getConfigMapRef().getName();
        ConfigMap map =
            find(ConfigMap.class, cm)
                .orElseThrow(() -> new AssertionError(overlay + ": envFrom ConfigMap " + cm));
        map.getData().keySet().forEach(k -> env.put(k, "configmap:" + cm + "/" + k));
      }
      if (from.getSecretRef() != null) {
        throw new AssertionError("envFrom a whole Secret hides which keys are needed");
      }
    }
    for (EnvVar e : c.getEnv()) {
      String src;
      if (e.getValueFrom() == null) {
        src = "value:" + e.getValue();
      } else if (e.getValueFrom().getSecretKeyRef() != null) {
        var r = e.getValueFrom().getSecretKeyRef();
        src = "secret:" + r.getName() + "/" + r.getKey();
      } else if (e.getValueFrom().getConfigMapKeyRef() != null) {
        var r = e.getValueFrom().getConfigMapKeyRef();
        src = "configmap:" + r.getName() + "/" + r.getKey();
      } else if (e.getValueFrom().getFieldRef() != null) {
        src = "field:" + e.getValueFrom().getFieldRef().getFieldPath();
      } else {
        src = "other";
      }
      env.put(e.getName(), src);
    }
    return env;
  }

  /** The literal value of an env variable (direct value or from a rendered ConfigMap). */
  Optional<String> envValue(Container c, String name) {
    String src = environment(c).get(name);
    if (src == null) {
      return Optional.empty();
    }
    if (src.startsWith("value:")) {
      return Optional.of(src.substring(6));
    }
    if (src.startsWith("configmap:")) {
      String[] ref = src.substring(10).split("/", 2);
      return find(ConfigMap.class, ref[0]).map(m -> m.getData().get(ref[1]));
    }
    return Optional.empty();
  }

  /**
   * Every container and init container of every pod template (Deployments, StatefulSets,
   * DaemonSets).
   */
  List<Map.Entry<String, Container>> allContainers() {
    List<Map.Entry<String, Container>> out = new ArrayList<>();
    for (var d : all(Deployment.class)) {
      var spec = d.getSpec().getTemplate().getSpec();
      spec.getContainers().forEach(c -> out.add(Map.entry(StrictManifests.name(d), c)));
      spec.getInitContainers().forEach(c -> out.add(Map.entry(StrictManifests.name(d), c)));
    }
    for (var s : all(io.fabric8.kubernetes.api.model.apps.StatefulSet.class)) {
      var spec = s.getSpec().getTemplate().getSpec();
      spec.getContainers().forEach(c -> out.add(Map.entry(StrictManifests.name(s), c)));
      spec.getInitContainers().forEach(c -> out.add(Map.entry(StrictManifests.name(s), c)));
    }
    for (var d : all(io.fabric8.kubernetes.api.model.apps.DaemonSet.class)) {
      var spec = d.getSpec().getTemplate().getSpec();
      spec.getContainers().forEach(c -> out.add(Map.entry(StrictManifests.name(d), c)));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  static Map<String, Object> spec(GenericKubernetesResource r) {
    return map(r.getAdditionalProperties().get("spec"));
  }
}
