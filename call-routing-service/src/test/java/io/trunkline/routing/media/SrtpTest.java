package io.trunkline.routing.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The test peers' SRTP: RFC 3711's key derivation vectors, round trip, a forged packet. */
class SrtpTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void keyDerivationMatchesRfc3711AppendixB3() {
    byte[] mk = HEX.parseHex("E1F97A0D3E018BE0D64FA32C06DE4139");
    byte[] ms = HEX.parseHex("0EC675AD498AFEEBB6960B3AABE6");
    assertThat(HEX.formatHex(Srtp.derive(mk, ms, 0, 16)))
        .isEqualToIgnoringCase("C61E7A93744F39EE10734AFE3FF7A087");
    assertThat(HEX.formatHex(Srtp.derive(mk, ms, 2, 14)))
        .isEqualToIgnoringCase("30CBBC08863D8C85D49DB34A9AE1");
    assertThat(HEX.formatHex(Srtp.derive(mk, ms, 1, 20)))
        .isEqualToIgnoringCase("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4");
  }

  @Test
  void protectedPacketsComeBackAndForgedOnesDoNot() {
    String inline =
        Base64.getEncoder()
            .encodeToString(
                HEX.parseHex("E1F97A0D3E018BE0D64FA32C06DE4139" + "0EC675AD498AFEEBB6960B3AABE6"));
    Srtp sender = new Srtp(inline);
    Srtp receiver = new Srtp(inline);
    byte[] rtp = Srtp.pcma(0x1234, 7, (byte) 0x55);
    byte[] srtp = sender.protect(rtp);
    assertThat(srtp).hasSize(rtp.length + 10);
    assertThat(java.util.Arrays.copyOfRange(srtp, 12, 172))
        .isNotEqualTo(java.util.Arrays.copyOfRange(rtp, 12, 172));
    assertThat(receiver.unprotect(srtp, srtp.length)).isEqualTo(rtp);
    srtp[40] ^= 1;
    assertThat(receiver.unprotect(srtp, srtp.length)).isNull();
    assertThat(new Srtp(Srtp.newInlineKey()).unprotect(sender.protect(rtp), rtp.length + 10))
        .isNull();
  }
}
