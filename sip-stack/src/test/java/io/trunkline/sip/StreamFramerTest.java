package io.trunkline.sip;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamFramerTest {
  final List<String> messages = new ArrayList<>();
  int pings;
  final StreamFramer framer =
      new StreamFramer(
          2000,
          new StreamFramer.Sink() {
            @Override
            public void onMessage(byte[] buf, int off, int len) {
              messages.add(new String(buf, off, len, UTF_8));
            }

            @Override
            public void onPing() {
              pings++;
            }
          });

  static String msg(String body) {
    return "MESSAGE sip:a@h SIP/2.0\r\nCall-ID: x\r\nl: " + body.length() + "\r\n\r\n" + body;
  }

  boolean feed(String s) {
    byte[] b = s.getBytes(UTF_8);
    return framer.feed(b, 0, b.length);
  }

  @Test
  void splitMessageIsDeliveredWhenComplete() {
    String m = msg("hello body");
    for (int i = 0; i < m.length(); i++) {
      assertThat(feed(m.substring(i, i + 1))).isTrue();
      assertThat(messages).hasSize(i == m.length() - 1 ? 1 : 0);
    }
    assertThat(messages).containsExactly(m);
    assertThat(framer.buffered()).isZero();
  }

  @Test
  void coalescedMessagesAndKeepAlives() {
    String a = msg("first");
    String b = "OPTIONS sip:a@h SIP/2.0\r\nContent-Length: 0\r\n\r\n";
    String c = msg("third-" + "x".repeat(900));
    assertThat(feed("\r\n\r\n" + a + "\r\n" + b + c.substring(0, 100))).isTrue();
    assertThat(messages).containsExactly(a, b);
    assertThat(pings).isEqualTo(1);
    assertThat(feed(c.substring(100) + "\r\n")).isTrue();
    assertThat(feed("\r\n")).isTrue(); // CRLF CRLF split over two chunks: still a ping
    assertThat(messages).containsExactly(a, b, c);
    assertThat(pings).isEqualTo(2);
  }

  @Test
  void missingContentLengthMeansNoBody() {
    String a = "BYE sip:a@h SIP/2.0\r\nCall-ID: y\r\n\r\n";
    assertThat(feed(a + a)).isTrue();
    assertThat(messages).containsExactly(a, a);
  }

  @Test
  void oversizedMessagesBreakTheStream() {
    assertThat(feed("MESSAGE sip:a@h SIP/2.0\r\nContent-Length: 5000\r\n\r\n")).isFalse();
    StreamFramer other = new StreamFramer(100, (buf, off, len) -> {});
    byte[] endless = ("INVITE sip:a@h SIP/2.0\r\nX: " + "y".repeat(200)).getBytes(UTF_8);
    assertThat(other.feed(endless, 0, endless.length)).isFalse();
    StreamFramer third = new StreamFramer(100, (buf, off, len) -> {});
    byte[] bad = "A sip:a@h SIP/2.0\r\nContent-Length: -3\r\n\r\n".getBytes(UTF_8);
    assertThat(third.feed(bad, 0, bad.length)).isFalse();
  }
}
