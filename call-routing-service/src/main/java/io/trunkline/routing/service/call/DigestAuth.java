package io.trunkline.routing.service.call;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Digest answers (RFC 2617 / RFC 7616: MD5 and SHA-256, with or without qop=auth). */
public final class DigestAuth {

  private DigestAuth() {}

  /** The parameters of a {@code Digest ...} challenge, names lower-cased; null if not Digest. */
  public static Map<String, String> parse(String header) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    if (!h.regionMatches(true, 0, "Digest", 0, 6)) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    int i = 6;
    int n = h.length();
    while (i < n) {
      while (i < n && (h.charAt(i) == ' ' || h.charAt(i) == ',')) {
        i++;
      }
      int eq = h.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String name = h.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      i = eq + 1;
      String value;
      if (i < n && h.charAt(i) == '"') {
        int end = h.indexOf('"', i + 1);
        if (end < 0) {
          end = n;
        }
        value = h.substring(i + 1, end);
        i = end + 1;
      } else {
        int end = h.indexOf(',', i);
        if (end < 0) {
          end = n;
        }
        value = h.substring(i, end).trim();
        i = end;
      }
      params.put(name, value);
    }
    return params;
  }

  /**
   * The Authorization / Proxy-Authorization value for a challenge, or null when the challenge
   * cannot be answered (not Digest, unknown algorithm, realm other than the required one).
   */
  public static String answer(
      Challenge challenge, String username, String password, String requiredRealm) {
    Map<String, String> p = parse(challenge.value());
    if (p == null || p.get("nonce") == null || password == null || username == null) {
      return null;
    }
    String realm = p.getOrDefault("realm", "");
    if (requiredRealm != null && !requiredRealm.equals(realm)) {
      return null;
    }
    String algorithm = p.getOrDefault("algorithm", "MD5");
    String hashName =
        switch (algorithm.toUpperCase(Locale.ROOT)) {
          case "MD5" -> "MD5";
          case "SHA-256" -> "SHA-256";
          default -> null;
        };
    if (hashName == null) {
      return null;
    }
    String nonce = p.get("nonce");
    String uri = challenge.requestUri();
    String ha1 = hash(hashName, username + ":" + realm + ":" + password);
    String ha2 = hash(hashName, challenge.method() + ":" + uri);
    String qop = p.get("qop");
    boolean auth = qop != null && java.util.Arrays.asList(qop.split("\\s*,\\s*")).contains("auth");
    StringBuilder sb = new StringBuilder("Digest username=\"").append(username).append('"');
    sb.append(", realm=\"").append(realm).append('"');
    sb.append(", nonce=\"").append(nonce).append('"');
    sb.append(", uri=\"").append(uri).append('"');
    if (auth) {
      String nc = "00000001";
      String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
      String response =
          hash(hashName, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
      sb.append(", response=\"").append(response).append('"');
      sb.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
    } else {
      sb.append(", response=\"").append(hash(hashName, ha1 + ":" + nonce + ":" + ha2)).append('"');
    }
    sb.append(", algorithm=").append(algorithm);
    if (p.get("opaque") != null) {
      sb.append(", opaque=\"").append(p.get("opaque")).append('"');
    }
    return sb.toString();
  }

  /** Hex digest (tests verify answers with it). */
  public static String hash(String algorithm, String s) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm);
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
