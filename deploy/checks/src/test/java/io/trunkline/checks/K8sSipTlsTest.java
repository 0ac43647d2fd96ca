package io.trunkline.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Providers that send SIP over TLS reach call-routing: the port it listens on is the one the pod,
 * the SIP Service and the network policy open, and in production its certificate is mounted where
 * its settings point.
 */
class K8sSipTlsTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void theTlsPortIsOpenFromPodToServiceToPolicy(String overlay) {
    Rendered r = Rendered.of(overlay);
    int tlsPort =
        Integer.parseInt(
            Repo.configured(
                    Repo.applicationProperties("call-routing-service"), "trunkline.sip.tls.port")
                .orElseThrow());

    Container c = Rendered.container(r.deployment("call-routing"));
    ContainerPort pod =
        c.getPorts().stream().filter(p -> "sip-tls".equals(p.getName())).findFirst().orElseThrow();
    assertThat(pod.getContainerPort()).isEqualTo(tlsPort);
    assertThat(pod.getProtocol()).isEqualTo("TCP");

    ServicePort svc =
        r.find(Service.class, "call-routing-sip").orElseThrow().getSpec().getPorts().stream()
            .filter(p -> "sip-tls".equals(p.getName()))
            .findFirst()
            .orElseThrow();
    assertThat(svc.getPort()).isEqualTo(tlsPort);
    assertThat(svc.getTargetPort().getStrVal()).isEqualTo("sip-tls");

    boolean openToAll =
        r.all(NetworkPolicy.class).stream()
            .filter(p -> "call-routing".equals(selected(p)))
            .flatMap(p -> p.getSpec().getIngress().stream())
            .filter(rule -> rule.getFrom() == null || rule.getFrom().isEmpty())
            .map(NetworkPolicyIngressRule::getPorts)
            .flatMap(ports -> ports.stream())
            .map(NetworkPolicyPort::getPort)
            .anyMatch(p -> "sip-tls".equals(p.getStrVal()));
    assertThat(openToAll).as(overlay + ": SIP over TLS from providers").isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"prod"})
  void productionReadsItsCertificateFromTheMountedSecret(String overlay) {
    Rendered r = Rendered.of(overlay);
    var deployment = r.deployment("call-routing");
    Container c = Rendered.container(deployment);
    String cert = r.envValue(c, "TRUNKLINE_SIP_TLS_CERTIFICATE").orElseThrow();
    String key = r.envValue(c, "TRUNKLINE_SIP_TLS_PRIVATE_KEY").orElseThrow();
    VolumeMount mount =
        c.getVolumeMounts().stream()
            .filter(v -> "sip-tls".equals(v.getName()))
            .findFirst()
            .orElseThrow();
    assertThat(mount.getReadOnly()).isTrue();
    assertThat(cert).startsWith(mount.getMountPath() + "/").endsWith("tls.crt");
    assertThat(key).startsWith(mount.getMountPath() + "/").endsWith("tls.key");
    Volume volume =
        deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> "sip-tls".equals(v.getName()))
            .findFirst()
            .orElseThrow();
    assertThat(volume.getSecret().getSecretName()).isEqualTo("call-routing-sip-tls");
  }

  private static String selected(NetworkPolicy p) {
    var labels = p.getSpec().getPodSelector().getMatchLabels();
    return labels == null ? null : labels.get("app.kubernetes.io/name");
  }
}
