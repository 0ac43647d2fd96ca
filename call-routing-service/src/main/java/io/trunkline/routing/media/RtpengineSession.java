package io.trunkline.routing.media;

import io.trunkline.routing.service.call.MediaPeer;
import io.trunkline.routing.service.call.MediaSession;
import io.trunkline.routing.service.call.MediaSide;
import io.trunkline.routing.service.call.SipBody;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One relay call in rtpengine (one B2BUA call attempt). Its commands run strictly one after the
 * other: a command is sent only once the previous one's stage has completed and its callbacks have
 * run, so the B2BUA sees rewritten SDP in the order it asked, and a delete always follows the offer
 * that created the call. The first offer picks the instance (round-robin over those up) and fails
 * over to the next one when an instance does not answer; later commands stay on that instance.
 */
final class RtpengineSession implements MediaSession {

  private static final String SDP = "application/sdp";

  private final RtpengineRelay relay;
  private final String callId;
  private final MediaPeer caller;
  private final MediaPeer callee;
  private final Deque<Consumer<Runnable>> queue = new ArrayDeque<>();
  private boolean busy;
  private boolean deleted;
  private RtpengineInstances.Instance instance;
  private String firstOfferTag;
  private boolean answered;

  RtpengineSession(RtpengineRelay relay, String callId, MediaPeer caller, MediaPeer callee) {
    this.relay = relay;
    this.callId = callId;
    this.caller = caller;
    this.callee = callee;
  }

  private static String tag(MediaSide side) {
    return side == MediaSide.CALLER ? "caller" : "callee";
  }

  private MediaPeer peer(MediaSide side) {
    return side == MediaSide.CALLER ? caller : callee;
  }

  @Override
  public CompletionStage<SipBody> offer(MediaSide from, SipBody sdp) {
    CompletableFuture<SipBody> result = new CompletableFuture<>();
    enqueue(
        done -> {
          // an offer inside an established call names the other side; one before any answer cannot
          String toTag = answered ? tag(from.other()) : null;
          Map<String, Object> cmd =
              relay.commands.offer(
                  callId, tag(from), toTag, sdp.content(), peer(from), peer(from.other()));
          long t0 = System.nanoTime();
          CompletableFuture<Map<String, Object>> reply;
          if (instance == null) {
            firstOfferTag = tag(from);
            reply = firstOffer(cmd, relay.instances.forNewSession(), 0);
          } else {
            reply = relay.send(instance, cmd);
          }
          reply.whenComplete(
              (r, err) -> {
                if (err == null && instance != null) {
                  relay.metrics.offer(System.nanoTime() - t0);
                }
                complete(result, r, err, sdp.contentType());
                done.run();
              });
        },
        result);
    return result;
  }

  /** The first offer: the instances in turn until one answers; then the session lives there. */
  private CompletableFuture<Map<String, Object>> firstOffer(
      Map<String, Object> cmd, List<RtpengineInstances.Instance> candidates, int index) {
    if (index >= candidates.size()) {
      relay.metrics.error("no_instance");
      return CompletableFuture.failedFuture(
          new MediaRelayException("no_instance", "no media relay instance answers"));
    }
    RtpengineInstances.Instance i = candidates.get(index);
    return relay
        .send(i, cmd)
        .handle(
            (r, err) -> {
              if (err == null) {
                instance = i;
                relay.opened(this);
                return CompletableFuture.completedFuture(r);
              }
              MediaRelayException e = RtpengineRelay.cause(err);
              if (!"timeout".equals(e.reason()) && !"io".equals(e.reason())) {
                return CompletableFuture.<Map<String, Object>>failedFuture(e);
              }
              // a slow instance may still carry the offer out after we gave up on it: the call
              // it would create there is deleted at once, so that it is never left behind
              relay.sendQuietly(i, NgCommands.delete(callId, (String) cmd.get("from-tag")));
              return firstOffer(cmd, candidates, index + 1);
            })
        .thenCompose(f -> f);
  }

  @Override
  public CompletionStage<SipBody> answer(MediaSide from, SipBody sdp) {
    CompletableFuture<SipBody> result = new CompletableFuture<>();
    enqueue(
        done -> {
          if (instance == null) {
            complete(
                result, null, new MediaRelayException("closed", "answer before any offer"), null);
            done.run();
            return;
          }
          Map<String, Object> cmd =
              relay.commands.answer(
                  callId, tag(from.other()), tag(from), sdp.content(), peer(from));
          relay
              .send(instance, cmd)
              .whenComplete(
                  (r, err) -> {
                    if (err == null) {
                      answered = true;
                    }
                    complete(result, r, err, sdp.contentType());
                    done.run();
                  });
        },
        result);
    return result;
  }

  @Override
  public void delete() {
    synchronized (this) {
      if (deleted) {
        return;
      }
      deleted = true;
    }
    enqueueAlways(
        done -> {
          if (instance == null) {
            done.run(); // no offer was accepted: rtpengine holds nothing
            return;
          }
          relay.closed(this);
          relay
              .send(instance, NgCommands.delete(callId, firstOfferTag))
              .whenComplete((r, e) -> done.run());
        });
  }

  /**
   * Deletes the session at shutdown, outside the queue (a queued delete would wait for commands
   * that may never finish now); the stage ends when rtpengine answered or gave up.
   */
  CompletableFuture<Void> deleteNow() {
    RtpengineInstances.Instance i;
    String tag;
    synchronized (this) {
      deleted = true;
      i = instance;
      tag = firstOfferTag;
    }
    if (i == null) {
      return CompletableFuture.completedFuture(null);
    }
    relay.closed(this);
    return relay.send(i, NgCommands.delete(callId, tag)).handle((r, e) -> null);
  }

  /** Counted in media_sessions_active from the first accepted offer until the delete. */
  final java.util.concurrent.atomic.AtomicBoolean counted =
      new java.util.concurrent.atomic.AtomicBoolean();

  private void complete(
      CompletableFuture<SipBody> result, Map<String, Object> reply, Throwable err, String type) {
    if (err != null) {
      result.completeExceptionally(RtpengineRelay.cause(err));
      return;
    }
    Object sdp = reply.get("sdp");
    if (!(sdp instanceof byte[] bytes) || bytes.length == 0) {
      relay.metrics.error("malformed");
      result.completeExceptionally(new MediaRelayException("malformed", "ng reply without sdp"));
      return;
    }
    result.complete(new SipBody(type == null ? SDP : type, bytes));
  }

  /** Queues a command unless the session was deleted (then the stage fails, later). */
  private void enqueue(Consumer<Runnable> command, CompletableFuture<SipBody> result) {
    synchronized (this) {
      if (!deleted) {
        queue.add(command);
        if (busy) {
          return;
        }
        busy = true;
      } else {
        relay.later(
            () ->
                result.completeExceptionally(
                    new MediaRelayException("closed", "media session deleted")));
        return;
      }
    }
    relay.later(this::runNext);
  }

  private void enqueueAlways(Consumer<Runnable> command) {
    synchronized (this) {
      queue.add(command);
      if (busy) {
        return;
      }
      busy = true;
    }
    relay.later(this::runNext);
  }

  /** Runs the head of the queue; its completion runs the next one. */
  private void runNext() {
    Consumer<Runnable> command;
    synchronized (this) {
      command = queue.poll();
      if (command == null) {
        busy = false;
        return;
      }
    }
    try {
      command.accept(this::runNext);
    } catch (RuntimeException e) {
      runNext();
    }
  }

  String callId() {
    return callId;
  }
}
