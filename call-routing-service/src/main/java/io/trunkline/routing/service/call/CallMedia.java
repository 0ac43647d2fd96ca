package io.trunkline.routing.service.call;

import io.trunkline.routing.service.MediaEncryption;
import io.trunkline.routing.service.Trunk;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * The media of one call: when the trunk of the current attempt anchors media, a relay session per
 * attempt and the direction of every SDP offer and answer between the legs; otherwise nothing (the
 * SDP passes unchanged). A new attempt deletes the previous attempt's session, so a failed trunk's
 * media never outlives its attempt and the next trunk gets a fresh offer with its own encryption.
 *
 * <p>The offer/answer directions inside the INVITE transaction: the PBX's INVITE SDP is an offer
 * and the trunk's 1xx/2xx SDP its answer; an INVITE without SDP makes the trunk's SDP the offer and
 * the PBX's ACK SDP the answer. A re-INVITE or UPDATE is an offer from whichever side sent it.
 */
final class CallMedia {

  private static final String SDP = "application/sdp";

  private final MediaRelay relay;
  private final String callId;
  private final MediaSide pbxSide;
  private final MediaPeer pbx;
  private MediaSession session;
  private int attempt;
  private MediaSide offerer;
  private SipBody answerToPbx;

  /**
   * @param pbxSide which side of the dialog the PBX is (the caller for an outbound call)
   */
  CallMedia(MediaRelay relay, String callId, MediaSide pbxSide, String pbxAddress) {
    this.relay = relay;
    this.callId = callId;
    this.pbxSide = pbxSide;
    this.pbx = new MediaPeer(pbxAddress, MediaEncryption.NONE);
  }

  /** Starts the media of a new attempt on a trunk; true when that trunk anchors media. */
  synchronized boolean attempt(Trunk trunk) {
    end();
    attempt++;
    if (trunk == null || !trunk.anchorsMedia()) {
      return false;
    }
    MediaPeer trunkPeer = new MediaPeer(null, trunk.mediaEncryption());
    session =
        pbxSide == MediaSide.CALLER
            ? relay.open(callId + "~" + attempt, pbx, trunkPeer)
            : relay.open(callId + "~" + attempt, trunkPeer, pbx);
    return true;
  }

  /** Whether the current attempt's media is anchored. */
  synchronized boolean anchored() {
    return session != null;
  }

  /** The PBX's INVITE body for the trunk: the relay's offer, or unchanged without SDP. */
  synchronized CompletionStage<SipBody> pbxOffer(SipBody body) {
    if (!isSdp(body)) {
      return CompletableFuture.completedFuture(body);
    }
    offerer = pbxSide;
    return session.offer(pbxSide, body);
  }

  /**
   * A 1xx/2xx body from the trunk for the PBX: the answer to the PBX's offer, or (the INVITE had no
   * SDP) the trunk's offer. A 2xx without SDP after an early answer repeats that answer, which the
   * PBX needs in the 2xx (provisional SDP without 100rel is only a preview).
   */
  synchronized CompletionStage<SipBody> trunkResponse(SipBody body, boolean isFinal) {
    if (!isSdp(body)) {
      return CompletableFuture.completedFuture(isFinal && answerToPbx != null ? answerToPbx : body);
    }
    MediaSide trunkSide = pbxSide.other();
    CompletionStage<SipBody> rewritten;
    if (offerer == pbxSide) {
      rewritten = session.answer(trunkSide, body);
    } else {
      offerer = trunkSide;
      rewritten = session.offer(trunkSide, body);
    }
    return rewritten.thenApply(this::rememberAnswer);
  }

  private synchronized SipBody rememberAnswer(SipBody sdp) {
    answerToPbx = sdp;
    return sdp;
  }

  /** Whether the PBX's ACK carries the answer to a trunk's offer (INVITE without SDP). */
  synchronized boolean pbxAckAnswers(SipBody body) {
    return session != null && offerer == pbxSide.other() && isSdp(body);
  }

  /** The PBX's ACK answer, rewritten for the trunk. */
  synchronized CompletionStage<SipBody> pbxAck(SipBody body) {
    offerer = null;
    return session.answer(pbxSide, body);
  }

  /** Whether an in-dialog request must go through the relay (a possible offer or answer). */
  synchronized boolean rewrites(InDialogRequest request) {
    return session != null
        && ("INVITE".equals(request.method()) || "UPDATE".equals(request.method()));
  }

  /**
   * Relays a re-INVITE or UPDATE: its SDP is an offer from the side that sent it, the 2xx SDP of
   * the other side the answer. Without SDP in the request, an SDP in the 2xx is that side's offer
   * (its answer would come in an ACK the B2BUA sends itself, so it only keeps the addresses right).
   * A relay failure answers the sender 500 (offer refused: nothing was sent on).
   */
  void relay(
      boolean fromPbx,
      InDialogRequest request,
      Responder responder,
      BiConsumer<InDialogRequest, Responder> onward) {
    MediaSession s;
    synchronized (this) {
      s = session;
    }
    if (s == null) { // the attempt ended meanwhile: nothing left to anchor
      onward.accept(request, responder);
      return;
    }
    MediaSide from = fromPbx ? pbxSide : pbxSide.other();
    Responder back =
        (code, reason, body) -> {
          if (code < 200 || code >= 300 || !isSdp(body)) {
            responder.respond(code, reason, body);
            return;
          }
          CompletionStage<SipBody> answer =
              isSdp(request.body()) ? s.answer(from.other(), body) : s.offer(from.other(), body);
          answer.whenComplete(
              (sdp, err) -> {
                if (err == null) {
                  responder.respond(code, reason, sdp);
                } else {
                  responder.respond(500, "Server Internal Error", null);
                }
              });
        };
    if (!isSdp(request.body())) {
      onward.accept(request, back);
      return;
    }
    s.offer(from, request.body())
        .whenComplete(
            (sdp, err) -> {
              if (err != null) {
                responder.respond(500, "Server Internal Error", null);
              } else {
                onward.accept(
                    new InDialogRequest(request.method(), sdp, request.maxForwards()), back);
              }
            });
  }

  /** Deletes the current attempt's session (when there is one). */
  synchronized void end() {
    if (session != null) {
      session.delete();
      session = null;
    }
    offerer = null;
    answerToPbx = null;
  }

  static boolean isSdp(SipBody body) {
    return body != null
        && body.content() != null
        && body.content().length > 0
        && (body.contentType() == null
            || body.contentType().toLowerCase(Locale.ROOT).startsWith(SDP));
  }
}
