package io.trunkline.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The images match the manifests: each service's Dockerfile.jvm starts from a pinned JRE base
 * image, copies the Quarkus fast-jar, exposes the configured ports and runs as the user the pods
 * require.
 */
class DockerfilesTest {

  @Test
  void everyServiceImageIsAPinnedNonRootQuarkusJvmImageExposingItsPorts() {
    Rendered prod = Rendered.of("prod");
    for (Contract.Service s : Contract.SERVICES) {
      String docker = Repo.read(Repo.path(s.dir() + "/src/main/docker/Dockerfile.jvm"));
      Matcher from = Pattern.compile("(?m)^FROM (\\S+):(\\S+)$").matcher(docker);
      assertThat(from.find()).as(s.dir() + " FROM image:tag").isTrue();
      assertThat(from.group(2)).as("pinned tag").isNotEqualTo("latest");
      assertThat(from.group(1)).containsAnyOf("openjdk-17-runtime", "temurin");
      for (String dir : List.of("lib/", "app/", "quarkus/")) {
        assertThat(docker).contains("COPY --chown=185 target/quarkus-app/" + dir);
      }
      assertThat(docker).contains("COPY --chown=185 target/quarkus-app/*.jar");

      Matcher user = Pattern.compile("(?m)^USER (\\d+)$").matcher(docker);
      assertThat(user.find()).as(s.dir() + " USER").isTrue();
      Deployment d = prod.deployment(s.deployment());
      assertThat(d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
          .isEqualTo(Long.parseLong(user.group(1)));

      Matcher expose = Pattern.compile("(?m)^EXPOSE (.+)$").matcher(docker);
      assertThat(expose.find()).isTrue();
      List<String> ports = Arrays.asList(expose.group(1).trim().split("\\s+"));
      var props = Repo.applicationProperties(s.dir());
      assertThat(ports).contains(Repo.configured(props, "quarkus.http.port").orElseThrow());
      if (s.sipPort() != null) {
        String sip =
            Repo.configured(props, "trunkline.sip.port").orElse(String.valueOf(s.sipPort()));
        assertThat(ports).contains(sip + "/udp", sip + "/tcp");
      }
    }
  }
}
