package io.trunkline.sip;

import static io.trunkline.sip.HeaderNames.CALL_ID;
import static io.trunkline.sip.HeaderNames.CONTENT_TYPE;
import static io.trunkline.sip.HeaderNames.CSEQ;
import static io.trunkline.sip.HeaderNames.FROM;
import static io.trunkline.sip.HeaderNames.TO;
import static io.trunkline.sip.HeaderNames.VIA;

import java.util.ArrayList;
import java.util.List;

/**
 * A SIP request or response: start line, ordered raw header lines, body bytes. Header values are
 * kept as text; Via/From/To/CSeq are parsed on first use and cached until that header changes. Not
 * thread-safe: a message belongs to one thread (the stack's event loop) at a time.
 */
public final class SipMessage {
  static final byte[] NO_BODY = new byte[0];

  final boolean isRequest;
  final String method;
  String requestUri;
  final int status;
  final String reason;
  final HeaderList headers;
  byte[] body = NO_BODY;

  // Lazily parsed views, reset when the header they come from changes.
  private Via topVia;
  private NameAddr from;
  private NameAddr to;
  private long cseq = -2; // -2 = not parsed yet, -1 = absent
  private String cseqMethod;

  SipMessage(String method, String requestUri, int status, String reason, int headerCapacity) {
    this.isRequest = method != null;
    this.method = method;
    this.requestUri = requestUri;
    this.status = status;
    this.reason = reason;
    this.headers = new HeaderList(headerCapacity);
  }

  /** Parses one whole message (a datagram, or one frame cut by the TCP framer). */
  public static SipMessage parse(byte[] data, int off, int len) throws SipParseException {
    SipMessage m = SipParser.parse(data, off, len);
    SipParser.validate(m);
    return m;
  }

  public static SipMessage parse(byte[] data) throws SipParseException {
    return parse(data, 0, data.length);
  }

  public static SipMessage request(String method, String requestUri) {
    return new SipMessage(method, requestUri, 0, null, 12);
  }

  public static SipMessage response(int status, String reason) {
    return new SipMessage(null, null, status, reason, 12);
  }

  public boolean isRequest() {
    return isRequest;
  }

  /** Request method; null for a response. */
  public String method() {
    return method;
  }

  public String requestUri() {
    return requestUri;
  }

  public void setRequestUri(String uri) {
    this.requestUri = uri;
  }

  /** Status code; 0 for a request. */
  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  public String header(String name) {
    String canon = HeaderNames.canonical(name);
    String v = headers.first(canon);
    return v == null || !HeaderNames.isList(canon) ? v : SipText.firstElement(v);
  }

  public List<String> headers(String name) {
    String canon = HeaderNames.canonical(name);
    boolean list = HeaderNames.isList(canon);
    List<String> out = new ArrayList<>(4);
    for (int i = headers.indexOf(canon, 0); i >= 0; i = headers.indexOf(canon, i + 1)) {
      if (list) {
        SipText.splitList(headers.values[i], out);
      } else {
        out.add(headers.values[i]);
      }
    }
    return out;
  }

  public SipMessage addHeader(String name, String value) {
    String canon = changed(name);
    headers.add(canon, value);
    return this;
  }

  public SipMessage addHeaderFirst(String name, String value) {
    headers.addFirst(changed(name), value);
    return this;
  }

  public SipMessage setHeader(String name, String value) {
    headers.set(changed(name), value);
    return this;
  }

  public SipMessage removeHeader(String name) {
    headers.remove(changed(name));
    return this;
  }

  public SipMessage removeFirst(String name) {
    headers.removeFirstValue(changed(name));
    return this;
  }

  /** Body bytes (the array itself, not a copy); empty, never null. */
  public byte[] body() {
    return body;
  }

  public String contentType() {
    return headers.first(CONTENT_TYPE);
  }

  public SipMessage setBody(String contentType, byte[] newBody) {
    if (newBody == null || newBody.length == 0) {
      body = NO_BODY;
      headers.remove(CONTENT_TYPE);
    } else {
      body = newBody;
      if (contentType != null) {
        headers.set(CONTENT_TYPE, contentType);
      }
    }
    return this;
  }

  public String callId() {
    return headers.first(CALL_ID);
  }

  /** CSeq number, -1 when absent; IllegalArgumentException when malformed. */
  public long cseq() {
    parseCseq();
    return cseq;
  }

  public String cseqMethod() {
    parseCseq();
    return cseqMethod;
  }

  public Via topVia() {
    if (topVia == null) {
      String v = header(VIA);
      topVia = v == null ? null : Via.parse(v);
    }
    return topVia;
  }

  public NameAddr from() {
    if (from == null) {
      String v = headers.first(FROM);
      from = v == null ? null : NameAddr.parse(v);
    }
    return from;
  }

  public NameAddr to() {
    if (to == null) {
      String v = headers.first(TO);
      to = v == null ? null : NameAddr.parse(v);
    }
    return to;
  }

  /** Replaces the top Via value (only the first element of a comma list). */
  public SipMessage setTopVia(Via via) {
    headers.removeFirstValue(VIA);
    headers.addFirst(VIA, via.toString());
    topVia = via;
    return this;
  }

  public SipMessage createResponse(int statusCode, String reasonPhrase) {
    SipMessage r = new SipMessage(null, null, statusCode, reasonPhrase, headers.size + 2);
    boolean copyRoutes = "INVITE".equals(method) && statusCode >= 100 && statusCode < 300;
    for (int i = 0; i < headers.size; i++) {
      String n = headers.names[i];
      if (n == VIA
          || n == FROM
          || n == TO
          || n == CALL_ID
          || n == CSEQ
          || (copyRoutes && n == HeaderNames.RECORD_ROUTE)) {
        r.headers.append(n, headers.values[i]);
      }
    }
    return r;
  }

  public byte[] encode() {
    return SipEncoder.encode(this);
  }

  @Override
  public String toString() {
    return SipEncoder.debugText(this);
  }

  private String changed(String name) {
    String canon = HeaderNames.canonical(name);
    if (canon == VIA) {
      topVia = null;
    } else if (canon == FROM) {
      from = null;
    } else if (canon == TO) {
      to = null;
    } else if (canon == CSEQ) {
      cseq = -2;
    }
    return canon;
  }

  private void parseCseq() {
    if (cseq != -2) {
      return;
    }
    String v = headers.first(CSEQ);
    if (v == null) {
      cseq = -1;
      cseqMethod = null;
      return;
    }
    int n = v.length();
    int i = 0;
    while (i < n && SipText.isWhitespace(v.charAt(i))) {
      i++;
    }
    int numEnd = i;
    while (numEnd < n && v.charAt(numEnd) >= '0' && v.charAt(numEnd) <= '9') {
      numEnd++;
    }
    long num = SipText.parseDigits(v, i, numEnd);
    String m = SipText.trim(v, numEnd, n);
    if (num < 0 || num > 0xFFFFFFFFL || m.isEmpty() || numEnd == n) {
      throw new MalformedHeaderValueException("bad CSeq: " + SipText.forLog(v));
    }
    cseqMethod = m;
    cseq = num;
  }
}
