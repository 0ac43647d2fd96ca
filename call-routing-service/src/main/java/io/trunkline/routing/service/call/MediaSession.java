package io.trunkline.routing.service.call;

import java.util.concurrent.CompletionStage;

/**
 * The media of one call attempt held by the relay: every SDP offer and answer between the sides
 * goes through it and comes back rewritten to the relay's address (and protocol) for the side it
 * goes to.
 *
 * <p>Commands of one session run one after the other in the order they were given, and each stage
 * completes (its callbacks run) before the next command is sent: an answer's callback always runs
 * before the callback of a later command. Stages never complete inside the call that made them.
 */
public interface MediaSession {

  /** An offer from one side; completes with the SDP for the other side. */
  CompletionStage<SipBody> offer(MediaSide from, SipBody sdp);

  /** The answer of one side to the other side's offer; completes with the SDP for the offerer. */
  CompletionStage<SipBody> answer(MediaSide from, SipBody sdp);

  /**
   * Ends the session (after the commands already given); later commands fail. Nothing is sent when
   * no offer was ever accepted. Calling it again does nothing.
   */
  void delete();
}
