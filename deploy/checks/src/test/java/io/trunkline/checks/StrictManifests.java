package io.trunkline.checks;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses rendered manifests into fabric8's typed models and rejects unknown fields. The models keep
 * fields they do not know in {@code additionalProperties} instead of failing, so after parsing
 * every model object of the tree is walked and a non-empty additionalProperties is an error,
 * reported with its path ("spec.template.spec.containers[0].redinessProbe").
 */
final class StrictManifests {

  /** Custom resources of the operators: no typed model here, checked field by field. */
  static final Set<String> CUSTOM_KINDS =
      Set.of(
          "kafka.strimzi.io/v1beta2/Kafka",
          "kafka.strimzi.io/v1beta2/KafkaNodePool",
          "kafka.strimzi.io/v1beta2/KafkaTopic",
          "kafka.strimzi.io/v1beta2/KafkaUser",
          "postgresql.cnpg.io/v1/Cluster",
          "monitoring.coreos.com/v1/ServiceMonitor",
          "monitoring.coreos.com/v1/PrometheusRule");

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private StrictManifests() {}

  /** Splits kustomize output into documents and parses each strictly. */
  static List<HasMetadata> parseAll(String multiDocYaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : multiDocYaml.split("(?m)^---\\s*$")) {
      if (!doc.isBlank()) {
        objects.add(parse(doc));
      }
    }
    return objects;
  }

  static HasMetadata parse(String yaml) {
    Object parsed = SERIALIZATION.unmarshal(yaml);
    if (!(parsed instanceof HasMetadata object)) {
      throw new IllegalArgumentException("not a Kubernetes object: " + yaml);
    }
    String gvk = object.getApiVersion() + "/" + object.getKind();
    if (object instanceof GenericKubernetesResource) {
      if (!CUSTOM_KINDS.contains(gvk)) {
        throw new IllegalArgumentException(
            "no typed model for " + gvk + " (misspelt apiVersion or kind?): " + name(object));
      }
      return object;
    }
    List<String> unknown = new ArrayList<>();
    walk(object, gvk + " " + name(object), unknown);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown fields: " + unknown);
    }
    return object;
  }

  static String name(HasMetadata o) {
    return o.getKind() + "/" + o.getMetadata().getName();
  }

  private static void walk(Object node, String path, List<String> unknown) {
    if (node == null) {
      return;
    }
    if (node instanceof Collection<?> list) {
      int i = 0;
      for (Object item : list) {
        walk(item, path + "[" + i++ + "]", unknown);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "[" + k + "]", unknown));
      return;
    }
    if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method m : node.getClass().getMethods()) {
      if (m.getParameterCount() != 0
          || Modifier.isStatic(m.getModifiers())
          || !m.getName().startsWith("get")
          || m.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value = invoke(m, node);
      if (m.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          extra.keySet().forEach(k -> unknown.add(path + "." + k));
        }
      } else {
        walk(value, path + "." + property(m), unknown);
      }
    }
  }

  private static String property(Method m) {
    String n = m.getName().substring(3);
    return n.isEmpty() ? n : Character.toLowerCase(n.charAt(0)) + n.substring(1);
  }

  private static Object invoke(Method m, Object target) {
    try {
      return m.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      return null;
    }
  }
}
