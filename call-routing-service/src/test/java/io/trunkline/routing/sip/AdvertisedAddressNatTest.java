package io.trunkline.routing.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.routing.service.call.B2buaService;
import io.trunkline.testsupport.NatLab;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * call-routing bound to a private address behind a 1:1 NAT and told its public address: the
 * provider and the PBX behind its own masquerading router only ever see the public address, and
 * their in-dialog requests, sent to the Contact as RFC 3261 says, arrive; either side can hang up,
 * on calls from the PBX and on calls to it (through its router's port forward, while its Contact
 * names its private address).
 */
@QuarkusTest
@TestProfile(AdvertisedAddressNatTest.Profile.class)
class AdvertisedAddressNatTest extends NatCallSupport {

  public static class Profile extends LabProfile {
    public Profile() {
      super(true);
    }
  }

  @Inject B2buaService b2bua;
  @Inject SipStackPort sip;

  @AfterEach
  void noCallLeft() {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> b2bua.activeCalls() == 0 && sip.pbxLegs() == 0);
  }

  @Test
  void theProviderHangsUpAndItsByeReachesThePbxBehindNat() throws Exception {
    NatLab lab = FrontedNatLabResource.lab;
    String publicAddress = lab.frontPublicAddress() + ":" + FrontedNatLabResource.sipPort;
    try (Call c = call(route("adv-provider-bye"), "provider")) {
      assertThat(c.providerExit()).as(c.outputs()).isZero();
      assertThat(c.pbxExit()).as(c.outputs()).isZero();
      String invite = inviteAtProvider(c);
      assertThat(header(invite, "Via")).startsWith("SIP/2.0/UDP " + publicAddress + ";");
      assertThat(header(invite, "Via")).contains(";rport");
      assertThat(header(invite, "Contact")).contains("@" + publicAddress + ";");
      assertThat(invite).doesNotContain(lab.frontPrivateAddress());
      String ok = c.pbx().received("SIP/2.0 200").get(0);
      assertThat(header(ok, "Contact")).contains("@" + publicAddress + ";");
      assertThat(ok).doesNotContain(lab.frontPrivateAddress());
      // the BYE reached the PBX through its router's mapping, not its private Contact
      assertThat(c.pbx().received("BYE ")).hasSize(1);
    }
  }

  @Test
  void thePbxHangsUpAndItsByeReachesTheProvider() throws Exception {
    try (Call c = call(route("adv-pbx-bye"), "pbx")) {
      assertThat(c.pbxExit()).as(c.outputs()).isZero();
      assertThat(c.providerExit()).as(c.outputs()).isZero();
      assertThat(c.provider().received("BYE ")).hasSize(1);
    }
  }

  @Test
  void anInboundCallReachesThePbxBehindItsRouterAndTheProvidersByeIsAnswered() throws Exception {
    NatLab lab = FrontedNatLabResource.lab;
    String publicAddress = lab.frontPublicAddress() + ":" + FrontedNatLabResource.sipPort;
    try (Call c = callIn(inboundRoute("adv-in-provider-bye"), "provider")) {
      assertThat(c.providerExit()).as(c.outputs()).isZero();
      assertThat(c.pbxExit()).as(c.outputs()).isZero();
      String ok = withCseq(c.provider().received("SIP/2.0 200"), "INVITE").get(0);
      assertThat(header(ok, "Contact")).contains("@" + publicAddress + ";");
      assertThat(ok).doesNotContain(lab.frontPrivateAddress());
      String invite = c.pbx().received("INVITE ").get(0);
      assertThat(header(invite, "Via")).startsWith("SIP/2.0/UDP " + publicAddress + ";");
      // the PBX answered with its private Contact, yet the ACK and the BYE found it through the
      // port forward its INVITE went through
      List<String> acks = c.pbx().received("ACK ");
      assertThat(acks).hasSize(1);
      assertThat(acks.get(0)).startsWith("ACK sip:callee@" + lab.lanAddress() + ":");
      assertThat(c.pbx().received("BYE ")).hasSize(1);
      assertThat(withCseq(c.provider().received("SIP/2.0 200"), "BYE")).hasSize(1);
    }
  }

  @Test
  void thePbxHangsUpAnInboundCallAndItsByeReachesTheProvider() throws Exception {
    try (Call c = callIn(inboundRoute("adv-in-pbx-bye"), "pbx")) {
      assertThat(c.pbxExit()).as(c.outputs()).isZero();
      assertThat(c.providerExit()).as(c.outputs()).isZero();
      assertThat(c.provider().received("BYE ")).hasSize(1);
      assertThat(withCseq(c.pbx().received("SIP/2.0 200"), "BYE")).hasSize(1);
    }
  }

  @Test
  void aTrunkOrAnInboundDestinationAtOurPublicAddressIsALoopNotACall() throws Exception {
    NatLab lab = FrontedNatLabResource.lab;
    int port = FrontedNatLabResource.sipPort;
    // misconfigured with the address providers see, not one we are bound to: still ourselves
    String number = route("adv-self", lab.frontPublicAddress(), port);
    String refused = refusedCall(true, number);
    assertThat(header(refused, "Reason")).contains("text=\"loop\"");
    String did = inboundRoute("adv-in-self", lab.frontPublicAddress() + ":" + port);
    refused = refusedCall(false, did);
    assertThat(header(refused, "Reason")).contains("text=\"loop\"");
  }
}
