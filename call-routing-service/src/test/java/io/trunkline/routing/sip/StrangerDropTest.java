package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.trunk;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.routing.EdgeTestProfile;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.net.DatagramSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** trunkline.sip.reject-unknown=DROP: strangers' INVITEs get nothing back, cost nothing. */
@QuarkusTest
@TestProfile(EdgeTestProfile.Drop.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class StrangerDropTest extends EdgeAbuseSupport {

  @Test
  void strangersInvitesAreDroppedCountedAndLeaveNoState() throws Exception {
    trunkA.onInvite(SipAcceptanceSupport::answer);
    String prefix = route(null, 0, trunk("drop-mode", trunkA.port()));
    double before = rejected("source");
    List<DatagramSocket> strangers = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        strangers.add(udp("127.0.0." + (40 + i)));
      }
      for (int round = 0; round < 50; round++) {
        for (DatagramSocket s : strangers) {
          String via = s.getLocalAddress().getHostAddress() + ":" + s.getLocalPort();
          String uri = "sip:" + prefix + "2345@127.0.0.1:" + SipTestProfile.SIP_PORT;
          send(s, request("INVITE", uri, via, "drop-" + via + "-" + round, ""));
        }
      }
      for (DatagramSocket s : strangers) {
        assertThat(receive(s, s == strangers.get(0) ? 2000 : 20)).isNull();
      }
    } finally {
      strangers.forEach(DatagramSocket::close);
    }
    assertThat(rejected("source") - before).isEqualTo(1000);
    assertThat(trunkA.receives("INVITE", 200)).isFalse();
    assertThat(sip.liveTransactions()).isZero();
    assertThat(sip.lingeringTransactions()).isZero();
    placeCall(prefix + "2345"); // the PBX is served as ever
  }
}
