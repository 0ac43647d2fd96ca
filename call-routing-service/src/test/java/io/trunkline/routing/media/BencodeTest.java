package io.trunkline.routing.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bencode codec of the ng protocol: the format's examples, round trips, hostile input. */
class BencodeTest {

  private static String enc(Object v) {
    return new String(Bencode.encode(v), StandardCharsets.ISO_8859_1);
  }

  private static Object dec(String s) {
    return Bencode.decode(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void encodesTheFormatsExamples() {
    assertThat(enc("spam")).isEqualTo("4:spam");
    assertThat(enc("")).isEqualTo("0:");
    assertThat(enc(3)).isEqualTo("i3e");
    assertThat(enc(-3L)).isEqualTo("i-3e");
    assertThat(enc(0)).isEqualTo("i0e");
    assertThat(enc(List.of("spam", "eggs"))).isEqualTo("l4:spam4:eggse");
    assertThat(enc(List.of())).isEqualTo("le");
    assertThat(enc(Map.of())).isEqualTo("de");
    // the ng protocol's ping, as its documentation writes it
    assertThat(enc(Map.of("command", "ping"))).isEqualTo("d7:command4:pinge");
  }

  @Test
  void dictionaryKeysAreWrittenInByteOrderWhateverTheMapsOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sdp", "v=0");
    m.put("call-id", "c1");
    m.put("from-tag", "a");
    m.put("Z", 1);
    assertThat(enc(m)).isEqualTo("d1:Zi1e7:call-id2:c18:from-tag1:a3:sdp3:v=0e");
  }

  @Test
  void decodesNestedDictionariesAndListsAsRtpengineSendsThem() {
    // keys not sorted: rtpengine does not sort them, and the decoder must not insist
    Object v = dec("d6:result2:ok3:sdp4:v=0\r5:callsl2:c12:c2e4:statd1:ai-7e1:bli1ei2eeee");
    assertThat(v).isInstanceOf(Map.class);
    Map<?, ?> m = (Map<?, ?>) v;
    assertThat(new java.util.ArrayList<Object>(m.keySet()))
        .containsExactly("result", "sdp", "calls", "stat");
    assertThat(Bencode.text(m.get("result"))).isEqualTo("ok");
    assertThat(Bencode.text(m.get("sdp"))).isEqualTo("v=0\r");
    assertThat(((List<?>) m.get("calls")).stream().map(Bencode::text)).containsExactly("c1", "c2");
    Map<?, ?> stat = (Map<?, ?>) m.get("stat");
    assertThat(stat.get("a")).isEqualTo(-7L);
    assertThat(stat.get("b")).isEqualTo(List.of(1L, 2L));
  }

  @Test
  void byteStringsKeepEveryByteAndUtf8TextRoundTrips() {
    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }
    Object back = Bencode.decode(Bencode.encode(Map.of("bin", binary, "txt", "Zürich ☎")));
    Map<?, ?> m = (Map<?, ?>) back;
    assertThat((byte[]) m.get("bin")).isEqualTo(binary);
    assertThat(Bencode.text(m.get("txt"))).isEqualTo("Zürich ☎");
    // the length counts bytes, not characters
    assertThat(enc("é"))
        .isEqualTo(
            "2:" + new String("é".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    assertThat(Bencode.text(5L)).isNull();
  }

  @Test
  void randomValuesRoundTrip() {
    Random random = new Random(17);
    for (int i = 0; i < 500; i++) {
      Object v = randomValue(random, 0);
      Object back = Bencode.decode(Bencode.encode(v));
      assertThat(Bencode.encode(back)).isEqualTo(Bencode.encode(v));
      assertThat(normalise(back)).isEqualTo(normalise(v));
    }
  }

  @Test
  void extremeIntegersRoundTrip() {
    for (long v : new long[] {Long.MAX_VALUE, Long.MIN_VALUE + 1, -1, 1, 1L << 40}) {
      assertThat(Bencode.decode(Bencode.encode(v))).isEqualTo(v);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", // nothing
        "i42", // integer not ended
        "ie", // no digits
        "i-e",
        "i-0e", // negative zero
        "i03e", // leading zero
        "i99999999999999999999e", // out of range
        "i1.5e",
        "5:abc", // string longer than the input
        "03:abc", // leading zero in a length
        "-1:a",
        "4spam", // no colon
        "l4:spam", // list not ended
        "d3:key", // dictionary value missing
        "d3:keyi1e", // dictionary not ended
        "di1ei2ee", // key not a string
        "d1:ai1e1:ai2ee", // duplicate key
        "x", // unknown type
        "i1ei2e", // trailing value
        "4:spamX" // trailing byte
      })
  void malformedInputIsRejectedWithTheOffset(String input) {
    assertThatThrownBy(() -> dec(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed bencode at offset");
  }

  @Test
  void hostileNestingIsRefusedNotAStackOverflow() {
    String deep = "l".repeat(100_000) + "e".repeat(100_000);
    assertThatThrownBy(() -> dec(deep)).hasMessageContaining("nested deeper");
    String ok = "l".repeat(Bencode.MAX_DEPTH) + "e".repeat(Bencode.MAX_DEPTH);
    assertThat(dec(ok)).isInstanceOf(List.class);
  }

  @Test
  void aSliceOfABufferDecodesAlone() {
    byte[] packet = "cookie d6:result4:ponge".getBytes(StandardCharsets.US_ASCII);
    Object v = Bencode.decode(packet, 7, packet.length - 7);
    assertThat(Bencode.text(((Map<?, ?>) v).get("result"))).isEqualTo("pong");
    assertThatThrownBy(() -> Bencode.decode(packet, 7, packet.length))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void valuesThatHaveNoBencodingAreRefused() {
    assertThatThrownBy(() -> Bencode.encode(1.5)).hasMessageContaining("Double");
    assertThatThrownBy(() -> Bencode.encode(Map.of(1, "x"))).hasMessageContaining("key");
    assertThatThrownBy(() -> Bencode.encode(java.util.Collections.singletonList(null)))
        .hasMessageContaining("null");
  }

  private static Object randomValue(Random r, int depth) {
    int kind = depth > 4 ? r.nextInt(3) : r.nextInt(5);
    switch (kind) {
      case 0:
        return r.nextLong() >> r.nextInt(64);
      case 1:
        byte[] b = new byte[r.nextInt(40)];
        r.nextBytes(b);
        return b;
      case 2:
        return "s" + r.nextInt(1000);
      case 3:
        List<Object> l = new java.util.ArrayList<>();
        for (int i = r.nextInt(5); i > 0; i--) {
          l.add(randomValue(r, depth + 1));
        }
        return l;
      default:
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = r.nextInt(5); i > 0; i--) {
          m.put("k" + r.nextInt(100), randomValue(r, depth + 1));
        }
        return m;
    }
  }

  /** Byte arrays as lists and strings as their UTF-8 bytes, so that values compare by content. */
  private static Object normalise(Object v) {
    if (v instanceof String s) {
      return normalise(s.getBytes(StandardCharsets.UTF_8));
    }
    if (v instanceof byte[] b) {
      List<Byte> out = new java.util.ArrayList<>();
      for (byte x : b) {
        out.add(x);
      }
      return out;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(BencodeTest::normalise).toList();
    }
    Map<String, Object> m = new java.util.TreeMap<>();
    ((Map<?, ?>) v).forEach((k, x) -> m.put((String) k, normalise(x)));
    return m;
  }
}
