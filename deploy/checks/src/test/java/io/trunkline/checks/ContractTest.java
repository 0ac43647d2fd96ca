package io.trunkline.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The names in {@link Contract} are the ones of the shared DESIGN.md (when it is beside us). */
class ContractTest {

  private final Optional<String> design = Repo.design();

  @Test
  void topicsAndPoliciesAreDesignSection2() {
    assumeTrue(design.isPresent(), "shared DESIGN.md not found beside the checkout");
    Map<String, String> topics = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("(?m)^\\| `([a-z.]+\\.v\\d+)` \\|.*\\| (compact|delete)[^|]*\\|\\s*$")
            .matcher(design.get());
    while (m.find()) {
      topics.put(m.group(1), m.group(2));
    }
    assertThat(topics).isEqualTo(Contract.TOPICS);
    assertThat(design.get()).contains("delete, 7 days");
  }

  @Test
  void metricNamesAreDesignSection8() {
    assumeTrue(design.isPresent(), "shared DESIGN.md not found beside the checkout");
    String section8 = design.get().split("## 8\\.")[1].split("\n## ")[0];
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("`([a-z_]+)(\\{[^}]*})?`").matcher(section8);
    while (m.find()) {
      names.add(m.group(1));
    }
    assertThat(names).containsExactlyInAnyOrderElementsOf(Contract.DESIGN_METRICS);
  }

  @Test
  void mediaMetricNamesAreDesignSection15() {
    assumeTrue(design.isPresent(), "shared DESIGN.md not found beside the checkout");
    String section15 = design.get().split("## 15\\.")[1].split("\n## ")[0];
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("`(media_[a-z_]+)(\\{[^}]*})?`").matcher(section15);
    while (m.find()) {
      names.add(m.group(1));
    }
    assertThat(names).containsExactlyInAnyOrderElementsOf(Contract.MEDIA_METRICS);
  }

  @Test
  void portsAreDesignSection1() {
    assumeTrue(design.isPresent(), "shared DESIGN.md not found beside the checkout");
    for (Contract.Service s : Contract.SERVICES) {
      String sip = s.sipPort() == null ? "–" : s.sipPort() + " (UDP and TCP)";
      assertThat(design.get()).contains("| " + s.dir() + " | " + s.httpPort() + " | " + sip + " |");
    }
  }
}
