package io.trunkline.registration.sip;

import io.trunkline.registration.service.Engine;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Hands the answers of one SIP method to the session that sent the request (by Call-ID), on the
 * engine thread. Answers for unknown Call-IDs (a session that was stopped) are dropped.
 */
public final class SessionsByCallId {

  private final Engine engine;
  private final Map<String, SipSession> sessions = new ConcurrentHashMap<>();

  public SessionsByCallId(Engine engine) {
    this.engine = engine;
  }

  public void add(String callId, SipSession session) {
    sessions.put(callId, session);
  }

  public void remove(String callId) {
    sessions.remove(callId);
  }

  /** Called on a JAIN-SIP thread. */
  public void onResponse(Response response) {
    String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
    SipSession s = sessions.get(callId);
    if (s != null) {
      engine.execute(() -> s.onResponse(response));
    }
  }

  /** Called on a JAIN-SIP thread. */
  public void onTimeout(Request request) {
    String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
    SipSession s = sessions.get(callId);
    if (s != null) {
      engine.execute(() -> s.onTimeout(cseq));
    }
  }
}
