package io.trunkline.registration;

import io.trunkline.registration.support.TestRegistrar;
import io.trunkline.registration.support.TrunkFeed;
import io.trunkline.testsupport.KafkaBrokerResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * For tests of the running service: a test registrar the trunks register with, and a feed that
 * publishes trunks to the service's topic and reads the statuses it publishes, both for the whole
 * class.
 */
abstract class RegistrarAndFeedTest {

  static TestRegistrar registrar;
  static TrunkFeed feed;

  @BeforeAll
  static void startRegistrarAndFeed() throws Exception {
    registrar = new TestRegistrar();
    feed = new TrunkFeed(KafkaBrokerResource.broker().bootstrapServers());
  }

  @AfterAll
  static void stopRegistrarAndFeed() {
    feed.close();
    registrar.close();
  }
}
