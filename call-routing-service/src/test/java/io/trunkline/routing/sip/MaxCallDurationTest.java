package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.trunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sip.ClientTransaction;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

/**
 * The backstop for a BYE that never comes (a PBX that vanished, a BYE lost for good): an answered
 * call nobody hangs up is ended on both legs after trunkline.routing.max-call-duration.
 */
@QuarkusTest
@TestProfile(MaxCallDurationTest.TwoSecondCalls.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class MaxCallDurationTest extends SipAcceptanceSupport {

  /** The SIP acceptance profile with calls limited to 2 s. */
  public static class TwoSecondCalls extends SipTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> m = new HashMap<>(super.getConfigOverrides());
      m.put("trunkline.routing.max-call-duration", "2s");
      return m;
    }
  }

  @Test
  void anAnsweredCallNobodyHangsUpIsEndedOnBothLegsAtTheLimit() throws Exception {
    Map<String, Object> t = trunk("long-call", trunkA.port());
    trunkA.onInvite(SipAcceptanceSupport::answer);
    String prefix = route(null, 0, t);
    long start = System.nanoTime();
    ClientTransaction ct = callAnswered(prefix + "2345");
    trunkA.awaitRequest(Request.ACK, 5);
    assertThat(b2bua.activeCalls()).isEqualTo(1);

    pbx.awaitRequest(Request.BYE, 6);
    trunkA.awaitRequest(Request.BYE, 5);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> usage.active((String) t.get("id")) == 0 && b2bua.activeCalls() == 0);

    List<JsonNode> events = callEvents(SipTestPeer.callId(ct.getRequest()), 10);
    JsonNode ended = events.stream().filter(SipAcceptanceSupport::ended).findFirst().orElseThrow();
    assertThat(ended.get("reason").asText()).isEqualTo("max call duration");
  }
}
