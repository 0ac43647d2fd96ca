package io.trunkline.routing.sip;

import static io.restassured.RestAssured.given;
import static io.trunkline.routing.StateFeeder.trunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.routing.media.Rtpengine;
import io.trunkline.routing.media.RtpengineResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sip.ClientTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two relay instances configured, the first of them dead (a socket that never answers): calls are
 * anchored on the live one and the dead one is reported down. Once no instance answers, an anchored
 * call gets 503 and its trunk never sees an INVITE.
 */
@QuarkusTest
@TestProfile(MediaRelayFailureTest.Profile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MediaRelayFailureTest extends SipAcceptanceSupport {

  /** The acceptance profile with a dead relay instance in front of a live one. */
  public static class Profile extends SipTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new QuarkusTestProfile.TestResourceEntry(
              RtpengineResource.class, Map.of("deadFirst", "true")));
    }
  }

  @BeforeEach
  void needsRtpengine() {
    assumeTrue(
        Rtpengine.installed(), "rtpengine is not installed (apt-get install rtpengine-daemon)");
  }

  private static String metrics() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  private Map<String, Object> anchored(String name) {
    Map<String, Object> t = trunk(name, trunkA.port());
    t.put("media", "ANCHOR");
    t.put("mediaEncryption", "NONE");
    return t;
  }

  @Test
  @Order(1)
  void callsAreAnchoredOnTheLiveInstanceAndTheDeadOneIsReportedDown() throws Exception {
    trunkA.onInvite(SipAcceptanceSupport::answer);
    String prefix = route(null, 0, anchored("two-relays"));
    for (int i = 0; i < 3; i++) {
      ClientTransaction ct = pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT);
      Response ok = pbx.awaitResponse(200, 10);
      pbx.ack(ct, ok);
      assertThat(RtpengineResource.live.calls()).hasSize(1);
      pbx.bye(ct.getDialog());
      trunkA.awaitRequest(Request.BYE, 5);
      await().atMost(Duration.ofSeconds(5)).until(() -> RtpengineResource.live.calls().isEmpty());
    }
    String dead = RtpengineResource.dead;
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> metrics().contains("media_relay_up{relay=\"" + dead + "\"} 0.0"));
    assertThat(metrics())
        .contains("media_relay_up{relay=\"" + RtpengineResource.live.ng() + "\"} 1.0")
        .containsPattern("media_offer_seconds_count [1-9]")
        .contains("media_sessions_active 0.0");
  }

  @Test
  @Order(2)
  void withNoInstanceAnsweringTheCallGets503BeforeAnyInviteReachesTheTrunk() throws Exception {
    trunkA.onInvite(SipAcceptanceSupport::answer);
    String prefix = route(null, 0, anchored("no-relay"));
    RtpengineResource.live.close();
    ClientTransaction ct = pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT);
    Response refused = pbx.awaitResponse(503, 10);
    assertThat(refused.getHeader("Reason").toString()).contains("media relay unavailable");
    assertThat(trunkA.receives(Request.INVITE, 500)).isFalse();
    assertThat(ct.getRequest()).isNotNull();
    assertThat(metrics()).containsPattern("media_errors_total\\{reason=\"(timeout|no_instance)\"}");
  }
}
