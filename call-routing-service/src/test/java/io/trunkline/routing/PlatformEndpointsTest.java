package io.trunkline.routing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.OperatorEndpoints;
import org.junit.jupiter.api.Test;

/** The operator-facing endpoints every service has: health, metrics, OpenAPI, Swagger UI. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class PlatformEndpointsTest {

  @Test
  void readinessIsUpAgainstTheRealInfrastructure() {
    OperatorEndpoints.assertReady();
  }

  @Test
  void livenessMetricsAndOpenApiAnswerWithoutAKey() {
    OperatorEndpoints.assertOpenWithoutAKey("sip_transactions_live", "sip_dialogs_live");
  }
}
