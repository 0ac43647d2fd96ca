package io.trunkline.config.concurrency;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the concurrent clients saw: every answer (status and time), every acknowledged change per
 * key (version and the state the answer carried), acknowledged deletes, and the keys a cut request
 * may have changed without the client learning the outcome.
 */
final class Ledger {

  /**
   * One answer: which operation, its status (HTTP, or 1000 + gRPC code), how long it took, when it
   * was sent (ms into the phase).
   */
  record Answer(String op, int status, long millis, long at, String detail) {}

  /** One acknowledged change: the version the service answered and the state (null: gRPC). */
  record Ack(long version, JsonNode view) {}

  /** Everything acknowledged about one trunk or rule. */
  static final class History {
    final String entity;
    final List<Ack> acks = new ArrayList<>();
    volatile boolean deleted;
    volatile boolean uncertain;

    History(String entity) {
      this.entity = entity;
    }

    synchronized void add(Ack a) {
      acks.add(a);
    }

    synchronized List<Ack> acks() {
      return List.copyOf(acks);
    }
  }

  final Map<String, History> keys = new ConcurrentHashMap<>();
  final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
  final AtomicInteger cut = new AtomicInteger();
  volatile long phaseStart = System.nanoTime();

  void answer(String op, int status, long millis, String detail) {
    long at = (System.nanoTime() - phaseStart) / 1_000_000 - millis;
    answers.add(new Answer(op, status, millis, at, detail));
  }

  void acked(String entity, String id, long version, JsonNode view) {
    history(entity, id).add(new Ack(version, view));
  }

  void deleted(String entity, String id) {
    history(entity, id).deleted = true;
  }

  /** A request on this key was cut: it may or may not have been committed. */
  void uncertain(String entity, String id) {
    if (id != null) {
      history(entity, id).uncertain = true;
    }
    cut.incrementAndGet();
  }

  private History history(String entity, String id) {
    return keys.computeIfAbsent(id, k -> new History(entity));
  }
}
