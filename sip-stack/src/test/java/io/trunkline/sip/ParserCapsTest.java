package io.trunkline.sip;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** Folding joined in one pass, the parsing caps, and peer text kept out of messages unescaped. */
class ParserCapsTest {
  static final String HEAD =
      "OPTIONS sip:x@127.0.0.1 SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-caps\r\n"
          + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:x@127.0.0.1>\r\n"
          + "Call-ID: caps@127.0.0.1\r\nCSeq: 1 OPTIONS\r\n";

  static SipMessage parse(String s, SipLimits limits) throws SipParseException {
    byte[] b = s.getBytes(UTF_8);
    return SipParser.parse(b, 0, b.length, limits);
  }

  @Test
  void foldedLinesAreJoinedWithOneSpaceEach() throws Exception {
    SipMessage m =
        parse(
            HEAD
                + "Subject:   first \r\n \t second\r\n\t\r\n    third  \r\n"
                + "X-Empty:\r\n  \r\n\tonly\r\n"
                + "X-Bare-Lf: a\n b\n\r\n",
            SipLimits.defaults());
    assertThat(m.header("Subject")).isEqualTo("first second third");
    assertThat(m.header("X-Empty")).isEqualTo("only");
    assertThat(m.header("X-Bare-Lf")).isEqualTo("a b");
    assertThat(m.header("Call-ID")).isEqualTo("caps@127.0.0.1"); // unfolded ones untouched
  }

  @Test
  void sixteenThousandFoldedLinesJoinToTheSameValueAsTheOldParserMade() throws Exception {
    StringBuilder sb = new StringBuilder(HEAD).append("X-Fold: a");
    StringBuilder expected = new StringBuilder("a");
    for (int i = 0; i < 16_000; i++) {
      sb.append("\r\n b");
      expected.append(" b");
    }
    String text = sb.append("\r\n\r\n").toString();
    SipLimits wide = SipLimits.builder().maxFoldedLines(20_000).maxLineLength(100_000).build();
    assertThat(parse(text, wide).header("X-Fold")).isEqualTo(expected.toString());
    // with the default caps the same datagram is refused, and what came before is kept for a 400
    SipParseException e =
        catchThrowableOfType(() -> parse(text, SipLimits.defaults()), SipParseException.class);
    assertThat(e.getMessage()).isEqualTo("more than 64 folded lines");
    assertThat(e.partial.topVia().branch()).isEqualTo("z9hG4bK-caps");
    assertThat(e.partial.callId()).isEqualTo("caps@127.0.0.1");
  }

  @Test
  void tooManyHeadersAndTooLongLinesAreRefused() {
    SipLimits limits = SipLimits.builder().maxHeaders(10).maxLineLength(200).build();
    String many = HEAD + "X-A: 1\r\n".repeat(10) + "\r\n";
    assertThat(catchThrowableOfType(() -> parse(many, limits), SipParseException.class))
        .hasMessage("more than 10 header lines")
        .satisfies(e -> assertThat(e.partial.header("Via")).contains("z9hG4bK-caps"));
    String longLine = HEAD + "X-Long: " + "a".repeat(300) + "\r\n\r\n";
    assertThat(catchThrowableOfType(() -> parse(longLine, limits), SipParseException.class))
        .hasMessage("header longer than 200 bytes");
    String longFold = HEAD + "X-Long: " + "a".repeat(150) + "\r\n " + "b".repeat(100) + "\r\n\r\n";
    assertThat(catchThrowableOfType(() -> parse(longFold, limits), SipParseException.class))
        .hasMessage("header longer than 200 bytes");
    String longStart = "OPTIONS sip:" + "x".repeat(300) + "@h SIP/2.0\r\n\r\n";
    assertThat(catchThrowableOfType(() -> parse(longStart, limits), SipParseException.class))
        .hasMessage("start line longer than 200 bytes")
        .satisfies(e -> assertThat(e.partial).isNull());
    SipLimits noFolding = SipLimits.builder().maxFoldedLines(0).build();
    assertThatThrownBy(() -> parse(HEAD + "X-F: a\r\n b\r\n\r\n", noFolding))
        .hasMessage("more than 0 folded lines");
  }

  @Test
  void controlCharactersInTheHeaderAreRefusedButNotInTheBody() throws Exception {
    for (String bad : new String[] {"\u0000", "\u001b", "\r", "\u007f"}) {
      String m = HEAD + "To-Be: a" + bad + "b\r\nContent-Length: 3\r\n\r\nx\u0000y";
      SipParseException e =
          catchThrowableOfType(() -> parse(m, SipLimits.defaults()), SipParseException.class);
      assertThat(e).isNotNull();
      assertThat(e.getMessage()).startsWith("control character in: To-Be: a\\u00");
      assertThat(e.partial.topVia()).isNotNull(); // answerable: 400
    }
    String binaryBody = HEAD + "Content-Length: 4\r\n\r\n\u0000\r\u001b\n";
    assertThat(parse(binaryBody, SipLimits.defaults()).body()).hasSize(4);
    assertThat(parse(HEAD + "X-Tab: a\tb\r\n\r\n", SipLimits.defaults()).header("X-Tab"))
        .isEqualTo("a\tb");
  }

  @Test
  void anAddressWithoutAngleBracketsCannotHideThem() {
    for (String bad : new String[] {"sip:a@h>", "sip:a@h\"", "sip:a@h,sip:b@h", "sip:a b@h"}) {
      assertThatThrownBy(() -> NameAddr.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(NameAddr.parse("sip:a@h;tag=1").tag()).isEqualTo("1");
  }

  @Test
  void peerTextInErrorsIsEscapedAndShort() {
    String evil = "\u001b[31mred\r\nX-Forged: 1\u0000" + "z".repeat(500);
    assertThat(PeerText.forLog(evil))
        .startsWith("\\u001b[31mred\\u000d\\u000aX-Forged: 1\\u0000zz")
        .endsWith("...")
        .hasSizeLessThan(110)
        .doesNotContain("\r", "\n", "\u0000", "\u001b");
    assertThat(PeerText.forLog("say \"hi\" \\ bye")).isEqualTo("say \\u0022hi\\u0022 \\ bye");
    byte[] bad = ("INVITE sip:x@h SIP/2.0\r\nBad<Name: v\r\n\r\n").getBytes(UTF_8);
    assertThatThrownBy(() -> SipMessage.parse(bad))
        .isInstanceOf(SipParseException.class)
        .hasMessage("bad header name: Bad<Name: v");
    assertThatThrownBy(() -> Via.parse("SIP/2.0/UDP [::1;branch=\r\nX"))
        .hasMessageNotContaining("\r")
        .hasMessageContaining("\\u000d\\u000a");
  }
}
