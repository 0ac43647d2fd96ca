package io.trunkline.platform.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdvertisedAddressTest {

  @Test
  void hostWithAndWithoutPort() {
    assertThat(AdvertisedAddress.parse("203.0.113.7:5080", "k"))
        .isEqualTo(new AdvertisedAddress("203.0.113.7", 5080));
    assertThat(AdvertisedAddress.parse(" sip.example.com ", "k"))
        .isEqualTo(new AdvertisedAddress("sip.example.com", 0));
    assertThat(AdvertisedAddress.parse("[2001:db8::5]:5061", "k"))
        .isEqualTo(new AdvertisedAddress("2001:db8::5", 5061));
    assertThat(AdvertisedAddress.parse("2001:db8::5", "k").port()).isZero();
  }

  @Test
  void theBoundPortFillsAMissingOne() {
    AdvertisedAddress a = AdvertisedAddress.parse("sip.example.com", "k");
    assertThat(a.withDefaultPort(5060).hostPort()).isEqualTo("sip.example.com:5060");
    assertThat(AdvertisedAddress.parse("[2001:db8::5]:5061", "k").withDefaultPort(5060).hostPort())
        .isEqualTo("[2001:db8::5]:5061");
  }

  @Test
  void badValuesNameTheSetting() {
    for (String bad :
        new String[] {"", "host:", "host:0", "host:65536", "host:5o60", "a b", "[::1", ":5060"}) {
      assertThatThrownBy(() -> AdvertisedAddress.parse(bad, "trunkline.sip.advertised.udp"))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("trunkline.sip.advertised.udp: ");
    }
    assertThatThrownBy(() -> AdvertisedAddress.parse("0.0.0.0:5060", "k"))
        .hasMessageContaining("wildcard");
    assertThatThrownBy(() -> AdvertisedAddress.parse("[::]", "k")).hasMessageContaining("wildcard");
  }

  @Test
  void blankMeansNothingAdvertised() {
    assertThat(AdvertisedAddress.parseOptional(Optional.of("  "), "k")).isEmpty();
    assertThat(AdvertisedAddress.parseOptional(Optional.empty(), "k")).isEmpty();
  }
}
