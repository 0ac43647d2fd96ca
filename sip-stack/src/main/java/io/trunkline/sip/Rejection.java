package io.trunkline.sip;

/**
 * What the stack itself shed, reported to {@link SipHandler#onRejected} for counting. A fixed set,
 * so that a metric labelled with {@link #label()} has a bounded number of series.
 */
public enum Rejection {
  /** A request from a source over its rate, or banned for having been: dropped unanswered. */
  RATE("rate"),
  /** A new request above the transaction or lingering caps: answered 503 with Retry-After. */
  OVERLOAD("overload"),
  /** A response from another address (or connection) than its request went to: dropped. */
  RESPONSE_SOURCE("response_source"),
  /** An inbound TCP/TLS connection over the total or per-source cap: closed at once. */
  CONNECTIONS("connections"),
  /** A connection that held an incomplete message (or none) too long: closed. */
  SLOW_CONNECTION("slow_connection");

  private final String label;

  Rejection(String label) {
    this.label = label;
  }

  /** Lower-case name for metric labels. */
  public String label() {
    return label;
  }
}
