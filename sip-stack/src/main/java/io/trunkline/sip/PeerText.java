package io.trunkline.sip;

/**
 * For code that logs what a peer sent (a Call-ID, a header, a parse error's message): the text
 * escaped to printable ASCII and shortened, so that no peer can forge log lines or flood a log with
 * one value.
 */
public final class PeerText {
  private PeerText() {}

  /** Printable ASCII as is, everything else (CR, LF, NUL, escapes) as \\uXXXX; at most 80 chars. */
  public static String forLog(String peerText) {
    return SipText.forLog(peerText);
  }
}
