package io.trunkline.registration.sip;

import javax.sip.message.Response;

/** Something waiting for the answers of its client transactions (matched by Call-ID). */
public interface SipSession {

  /** A response arrived (on the engine thread). */
  void onResponse(Response response);

  /** The transaction timed out without a final answer (on the engine thread). */
  void onTimeout(long cseq);
}
