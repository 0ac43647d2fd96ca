package io.trunkline.routing.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bencode, the dictionary format of rtpengine's ng control protocol: byte strings ({@code 4:spam}),
 * integers ({@code i42e}), lists ({@code l...e}) and dictionaries ({@code d...e}).
 *
 * <p>Encoding takes {@link String} (written as UTF-8), {@code byte[]}, integral {@link Number}s,
 * {@link List}s and {@link Map}s with {@link String} keys (written sorted by their bytes, as the
 * format asks). Decoding gives {@code byte[]} for byte strings (SDP is bytes, not text), {@link
 * Long} for integers, {@link List} and {@link Map} (insertion-ordered: rtpengine does not sort its
 * keys, so the decoder does not insist on order). Malformed input is an {@link
 * IllegalArgumentException} naming the offset, never a partial value.
 */
public final class Bencode {

  /** Deeper nesting than any ng reply has: a bound so that hostile input cannot blow the stack. */
  static final int MAX_DEPTH = 64;

  private Bencode() {}

  /** The bencoding of a value. */
  public static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    write(out, value, 0);
    return out.toByteArray();
  }

  /** One whole value from the bytes; anything after it is malformed input. */
  public static Object decode(byte[] data) {
    return decode(data, 0, data.length);
  }

  /** One whole value from {@code data[offset, offset + length)}. */
  public static Object decode(byte[] data, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > data.length) {
      throw new IndexOutOfBoundsException("range outside the data");
    }
    Reader r = new Reader(data, offset, offset + length);
    Object v = r.value(0);
    if (r.pos != r.end) {
      throw r.error("trailing bytes after the value");
    }
    return v;
  }

  /** A decoded byte string as UTF-8 text; null for anything else. */
  public static String text(Object decoded) {
    return decoded instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : null;
  }

  private static void write(ByteArrayOutputStream out, Object v, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH);
    }
    if (v instanceof String s) {
      bytes(out, s.getBytes(StandardCharsets.UTF_8));
    } else if (v instanceof byte[] b) {
      bytes(out, b);
    } else if (v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte) {
      ascii(out, "i" + ((Number) v).longValue() + "e");
    } else if (v instanceof List<?> list) {
      out.write('l');
      for (Object item : list) {
        write(out, item, depth + 1);
      }
      out.write('e');
    } else if (v instanceof Map<?, ?> map) {
      List<byte[]> keys = new ArrayList<>(map.size());
      Map<String, Object> byKey = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String k)) {
          throw new IllegalArgumentException("dictionary key is not a string: " + e.getKey());
        }
        keys.add(k.getBytes(StandardCharsets.UTF_8));
        byKey.put(k, e.getValue());
      }
      keys.sort(Arrays::compareUnsigned);
      out.write('d');
      for (byte[] k : keys) {
        bytes(out, k);
        write(out, byKey.get(new String(k, StandardCharsets.UTF_8)), depth + 1);
      }
      out.write('e');
    } else {
      throw new IllegalArgumentException(
          "cannot bencode " + (v == null ? "null" : v.getClass().getSimpleName()));
    }
  }

  private static void bytes(ByteArrayOutputStream out, byte[] b) {
    ascii(out, b.length + ":");
    out.write(b, 0, b.length);
  }

  private static void ascii(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    out.write(b, 0, b.length);
  }

  /** A cursor over the input; every method checks the end before reading. */
  private static final class Reader {
    private final byte[] data;
    private final int start;
    private final int end;
    private int pos;

    Reader(byte[] data, int start, int end) {
      this.data = data;
      this.start = start;
      this.end = end;
      this.pos = start;
    }

    Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nested deeper than " + MAX_DEPTH);
      }
      if (pos >= end) {
        throw error("input ends where a value should start");
      }
      byte b = data[pos];
      if (b == 'i') {
        pos++;
        long v = integer('e');
        return v;
      }
      if (b == 'l') {
        pos++;
        List<Object> list = new ArrayList<>();
        while (peek() != 'e') {
          list.add(value(depth + 1));
        }
        pos++;
        return list;
      }
      if (b == 'd') {
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        while (peek() != 'e') {
          if (data[pos] < '0' || data[pos] > '9') {
            throw error("dictionary key is not a byte string");
          }
          String key = new String(string(), StandardCharsets.UTF_8);
          if (map.containsKey(key)) {
            throw error("duplicate dictionary key '" + key + "'");
          }
          map.put(key, value(depth + 1));
        }
        pos++;
        return map;
      }
      if (b >= '0' && b <= '9') {
        return string();
      }
      throw error("unexpected byte 0x" + Integer.toHexString(b & 0xff));
    }

    private byte peek() {
      if (pos >= end) {
        throw error("input ends inside a list or dictionary (no 'e')");
      }
      return data[pos];
    }

    private byte[] string() {
      long len = integer(':');
      if (len > end - pos) {
        throw error("byte string of " + len + " bytes runs past the end");
      }
      byte[] s = Arrays.copyOfRange(data, pos, pos + (int) len);
      pos += (int) len;
      return s;
    }

    /** Digits (a '-' first allowed only before 'e') up to the terminator, no leading zeros. */
    private long integer(char terminator) {
      int from = pos;
      boolean negative = pos < end && data[pos] == '-' && terminator == 'e';
      if (negative) {
        pos++;
      }
      int digits = pos;
      long v = 0;
      while (pos < end && data[pos] >= '0' && data[pos] <= '9') {
        int d = data[pos] - '0';
        if (v > (Long.MAX_VALUE - d) / 10) {
          throw error("number out of range");
        }
        v = v * 10 + d;
        pos++;
      }
      int n = pos - digits;
      if (n == 0) {
        throw error("number without digits");
      }
      if (pos >= end || data[pos] != terminator) {
        throw error("number not ended by '" + terminator + "'");
      }
      if (n > 1 && data[digits] == '0') {
        throw errorAt(from, "number with a leading zero");
      }
      if (negative && v == 0) {
        throw errorAt(from, "negative zero");
      }
      pos++;
      return negative ? -v : v;
    }

    IllegalArgumentException error(String why) {
      return errorAt(pos, why);
    }

    IllegalArgumentException errorAt(int at, String why) {
      return new IllegalArgumentException(
          "malformed bencode at offset " + (at - start) + ": " + why);
    }
  }
}
