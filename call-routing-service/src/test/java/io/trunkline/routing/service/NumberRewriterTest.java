package io.trunkline.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rewriting order a trunk relies on: strip, prepend, numberFormat, then techPrefix. */
class NumberRewriterTest {

  static Trunk trunk(String format, String cc, String tech) {
    return Trunk.from(
        new TrunkConfig(
            "trunk.config.v1",
            1,
            "id",
            "t",
            null,
            true,
            "h",
            5060,
            "UDP",
            null,
            "IP",
            null,
            null,
            null,
            null,
            null,
            0,
            0,
            false,
            format,
            cc,
            tech,
            List.of(503),
            null,
            null,
            null,
            null,
            null,
            null,
            null),
        null);
  }

  @Test
  void designExample() {
    assertThat(NumberRewriter.rewrite("002345", 2, "+44", trunk("AS_DIALED", null, null)))
        .isEqualTo("+442345");
  }

  @Test
  void e164FormatsWithTheCountryCode() {
    Trunk us = trunk("E164", "1", null);
    assertThat(NumberRewriter.rewrite("2125551234", 0, null, us)).isEqualTo("+12125551234");
    assertThat(NumberRewriter.rewrite("12125551234", 0, null, us)).isEqualTo("+12125551234");
    assertThat(NumberRewriter.rewrite("0044207", 0, null, us)).isEqualTo("+44207");
    Trunk uk = trunk("E164_NO_PLUS", "44", null);
    assertThat(NumberRewriter.rewrite("02071234567", 0, null, uk)).isEqualTo("442071234567");
    assertThat(NumberRewriter.rewrite("9+4930", 1, null, uk)).isEqualTo("4930");
  }

  @Test
  void techPrefixComesLast() {
    Trunk fr = trunk("E164", "1", "1234*");
    assertThat(NumberRewriter.rewrite("92125551234", 1, null, fr)).isEqualTo("1234*+12125551234");
  }

  @Test
  void stripLongerThanTheNumberLeavesThePrepend() {
    assertThat(NumberRewriter.rewrite("12", 5, "9", trunk("AS_DIALED", null, null))).isEqualTo("9");
  }

  @Test
  void callerMasks() {
    NumberMask m = NumberMask.parse("101-110;199");
    assertThat(m.matches("101")).isTrue();
    assertThat(m.matches("110")).isTrue();
    assertThat(m.matches("111")).isFalse();
    assertThat(m.matches("199")).isTrue();
    assertThat(m.matches("0105")).isFalse();
    assertThat(m.matches("alice")).isFalse();
    assertThat(NumberMask.parse(null).matches("anything")).isTrue();
  }

  @Test
  void cidrAccess() {
    CidrAccess a = new CidrAccess(List.of("127.0.0.1/32", "10.0.0.0/8", "2001:db8::/32"));
    assertThat(a.allows("127.0.0.1")).isTrue();
    assertThat(a.allows("127.0.0.2")).isFalse();
    assertThat(a.allows("10.200.1.1")).isTrue();
    assertThat(a.allows("2001:db8::5")).isTrue();
    assertThat(a.allows("example.com")).isFalse();
    assertThat(a.allows(null)).isFalse();
  }
}
