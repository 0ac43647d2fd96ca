package io.trunkline.routing.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.testsupport.NatLab;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same lab without an advertised address: call-routing writes the private address it is bound
 * to into Via and Contact, so the provider's BYE and the PBX's ACK, sent to that Contact, never
 * arrive. What the advertised address is for, shown by its absence.
 */
@QuarkusTest
@TestProfile(NoAdvertisedAddressNatTest.Profile.class)
class NoAdvertisedAddressNatTest extends NatCallSupport {

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return profile();
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(FrontedNatLabResource.class, Map.of("advertise", "false")));
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
}
