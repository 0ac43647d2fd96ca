package io.trunkline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs last (classes run in alphabetical order): after every other end-to-end test, the user's own
 * local cluster on the default ports looks exactly as it did before the suite started its own
 * cluster: the same ports in use and, when it runs, the same trunks and outbound rules at the same
 * versions. CI starts a user cluster holding data of its own before the test command, so this
 * compares real listings there.
 */
class E2e9UserClusterUntouchedTest {

  @BeforeAll
  static void up() {
    LocalCluster.ensureUp();
  }

  @Test
  void theUsersClusterIsAsTheSuiteFoundIt() {
    UserCluster.Snapshot before = UserCluster.baseline();
    UserCluster.Snapshot after = UserCluster.now();
    assertThat(after.portsInUse()).isEqualTo(before.portsInUse());
    assertThat(after.listings()).isEqualTo(before.listings());
  }
}
