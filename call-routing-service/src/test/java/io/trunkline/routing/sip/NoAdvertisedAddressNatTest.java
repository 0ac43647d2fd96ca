package io.trunkline.routing.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.testsupport.NatLab;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same lab without an advertised address: call-routing writes the private address it is bound
 * to into Via and Contact, so the provider's BYE and the PBX's ACK, sent to that Contact, never
 * arrive; on inbound calls the PBX answers, but the provider's ACK and BYE are lost the same way
 * (and with the ACK the one we would pass on to the PBX). What the advertised address is for, shown
 * by its absence.
 */
@QuarkusTest
@TestProfile(NoAdvertisedAddressNatTest.Profile.class)
class NoAdvertisedAddressNatTest extends NatCallSupport {

  public static class Profile extends LabProfile {
    public Profile() {
      super(false);
    }
  }

  @Test
  void withoutItThePeersInDialogRequestsGoToAnUnreachablePrivateAddress() throws Exception {
    NatLab lab = FrontedNatLabResource.lab;
    String privateAddress = lab.frontPrivateAddress() + ":" + FrontedNatLabResource.sipPort;
    try (Call c = call(route("private-provider-bye"), "provider")) {
      String invite = inviteAtProvider(c);
      assertThat(header(invite, "Contact")).as(c.outputs()).contains("@" + privateAddress + ";");
      assertThat(c.providerExit())
          .as("the provider's BYE is never answered" + c.outputs())
          .isNotZero();
      assertThat(c.provider().received("SIP/2.0 200")).isEmpty();
      assertThat(c.pbxExit())
          .as("the PBX's ACK never arrives, nor a BYE" + c.outputs())
          .isNotZero();
    }
  }

  @Test
  void withoutItTheProvidersAckAndByeOnAnInboundCallGoToAnUnreachablePrivateAddress()
      throws Exception {
    NatLab lab = FrontedNatLabResource.lab;
    String privateAddress = lab.frontPrivateAddress() + ":" + FrontedNatLabResource.sipPort;
    try (Call c = callIn(inboundRoute("private-in-provider-bye"), "provider")) {
      // the PBX got the call through its router's port forward and answered
      assertThat(c.pbx().received("INVITE ")).as(c.outputs()).hasSize(1);
      List<String> oks = withCseq(c.provider().received("SIP/2.0 200"), "INVITE");
      assertThat(oks).as("the answer reaches the provider" + c.outputs()).isNotEmpty();
      assertThat(header(oks.get(0), "Contact")).contains("@" + privateAddress + ";");
      // the provider's ACK, sent to that Contact, never arrives: our 200 keeps being retransmitted
      assertThat(oks)
          .as("the 200 is retransmitted: no ACK came" + c.outputs())
          .hasSizeGreaterThan(1);
      // and its BYE, sent there too, is never answered
      assertThat(c.providerExit()).as(c.outputs()).isNotZero();
      assertThat(withCseq(c.provider().received("SIP/2.0 200"), "BYE")).isEmpty();
    }
  }
}
