package io.trunkline.routing.media;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SRTP with the AES_CM_128_HMAC_SHA1_80 suite (RFC 3711), enough for a test peer: session keys
 * derived from the SDES inline key (key derivation rate 0), AES counter mode on the payload,
 * HMAC-SHA1 over header, payload and rollover counter, 80-bit tag. Short test streams never wrap
 * the sequence number, so the rollover counter stays 0.
 */
public final class Srtp {

  private static final int TAG = 10;
  private final SecretKeySpec key;
  private final byte[] salt;
  private final SecretKeySpec authKey;

  /** From the base64 of an SDES {@code inline:} parameter (16-byte key, 14-byte salt). */
  public Srtp(String inlineBase64) {
    byte[] master = Base64.getDecoder().decode(inlineBase64.split("\\|")[0]);
    if (master.length != 30) {
      throw new IllegalArgumentException("AES_CM_128 needs 30 bytes of key and salt");
    }
    byte[] mk = Arrays.copyOfRange(master, 0, 16);
    byte[] ms = Arrays.copyOfRange(master, 16, 30);
    this.key = new SecretKeySpec(derive(mk, ms, 0, 16), "AES");
    this.authKey = new SecretKeySpec(derive(mk, ms, 1, 20), "HmacSHA1");
    this.salt = derive(mk, ms, 2, 14);
  }

  /** The crypto line's inline key of a suite in an SDP, or null. */
  public static String inlineKey(String sdp, String suite) {
    return sdp.lines()
        .filter(l -> l.startsWith("a=crypto:") && l.contains(" " + suite + " inline:"))
        .map(l -> l.substring(l.indexOf("inline:") + 7).split("[ |]")[0])
        .findFirst()
        .orElse(null);
  }

  /** The tag number of a suite's crypto line in an SDP, or -1. */
  public static int cryptoTag(String sdp, String suite) {
    return sdp.lines()
        .filter(l -> l.startsWith("a=crypto:") && l.contains(" " + suite + " "))
        .map(l -> Integer.parseInt(l.substring(9, l.indexOf(' '))))
        .findFirst()
        .orElse(-1);
  }

  /** Encrypts and authenticates one RTP packet. */
  public byte[] protect(byte[] rtp) {
    int header = headerLength(rtp);
    byte[] out = Arrays.copyOf(rtp, rtp.length + TAG);
    byte[] enc = crypt(rtp, header, rtp.length - header);
    System.arraycopy(enc, 0, out, header, enc.length);
    byte[] tag = tag(out, rtp.length);
    System.arraycopy(tag, 0, out, rtp.length, TAG);
    return out;
  }

  /** The RTP packet of an SRTP packet, or null when its tag does not authenticate. */
  public byte[] unprotect(byte[] srtp, int length) {
    if (length < 12 + TAG) {
      return null;
    }
    int body = length - TAG;
    byte[] expected = tag(srtp, body);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(srtp, body, length))) {
      return null;
    }
    int header = headerLength(srtp);
    byte[] out = Arrays.copyOf(srtp, body);
    byte[] dec = crypt(srtp, header, body - header);
    System.arraycopy(dec, 0, out, header, dec.length);
    return out;
  }

  private byte[] crypt(byte[] packet, int from, int length) {
    byte[] iv = Arrays.copyOf(salt, 16);
    for (int i = 0; i < 4; i++) {
      iv[4 + i] ^= packet[8 + i]; // SSRC
    }
    int seq = ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
    iv[12] ^= (byte) (seq >> 8); // index = ROC (0) * 65536 + SEQ, in bytes 8..13
    iv[13] ^= (byte) seq;
    try {
      Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
      return c.doFinal(packet, from, length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] tag(byte[] packet, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(authKey);
      mac.update(packet, 0, length);
      mac.update(new byte[4]); // rollover counter 0
      return Arrays.copyOf(mac.doFinal(), TAG);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int headerLength(byte[] p) {
    int len = 12 + 4 * (p[0] & 0x0f);
    if ((p[0] & 0x10) != 0) {
      len += 4 + 4 * (((p[len + 2] & 0xff) << 8) | (p[len + 3] & 0xff));
    }
    return len;
  }

  /** RFC 3711 4.3.1 with a key derivation rate of 0: AES-CM of zeros under (salt ^ label) || 0. */
  static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
    byte[] iv = Arrays.copyOf(masterSalt, 16);
    iv[7] ^= (byte) label;
    try {
      Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new IvParameterSpec(iv));
      return c.doFinal(new byte[length]);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh random inline key (30 bytes, base64) for a test peer's own crypto line. */
  public static String newInlineKey() {
    byte[] k = new byte[30];
    new java.security.SecureRandom().nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }

  /** An RTP packet: PCMA (payload type 8), 160 bytes of the given fill. */
  public static byte[] pcma(int ssrc, int seq, byte fill) {
    ByteBuffer b = ByteBuffer.allocate(12 + 160);
    b.put((byte) 0x80).put((byte) 8).putShort((short) seq).putInt(seq * 160).putInt(ssrc);
    for (int i = 0; i < 160; i++) {
      b.put(fill);
    }
    return b.array();
  }
}
