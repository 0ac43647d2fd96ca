package io.trunkline.sip;

import java.time.Duration;

/**
 * What one peer, or all of them together, may cost the stack: parsing caps, per-source request
 * rate, TCP connection caps and timeouts, and caps on the state kept for transactions. A value of 0
 * or less (a null duration) means the default; {@link #defaults()} lists them. Use {@link
 * #builder()} to change some.
 *
 * @param maxHeaders header lines in one message (folded continuations not counted)
 * @param maxLineLength bytes of the start line, and of one header with all its continuations
 * @param maxFoldedLines continuation lines (RFC 3261 7.3.1 folding) in one message
 * @param ratePerSource requests per second one source IP may send; above it the source is banned
 * @param banTime how long a source over its rate is ignored (every request dropped unanswered)
 * @param rateTableSize sources the rate limiter tracks at once; the table never grows past it
 * @param maxTransactions transactions (server and client); at it new INVITEs get 503
 * @param maxLingering answered transactions kept to absorb retransmissions; at it new INVITEs 503
 * @param retryAfter the Retry-After of those 503s
 * @param maxConnections inbound TCP (and TLS) connections open at once
 * @param maxConnectionsPerSource inbound connections open at once from one IP
 * @param messageTimeout longest a connection may hold an incomplete message (or none after it was
 *     accepted) before it is closed
 * @param idleTimeout a connection with no traffic at all (CRLF keep-alives count) for this long is
 *     closed
 */
public record SipLimits(
    int maxHeaders,
    int maxLineLength,
    int maxFoldedLines,
    int ratePerSource,
    Duration banTime,
    int rateTableSize,
    int maxTransactions,
    int maxLingering,
    Duration retryAfter,
    int maxConnections,
    int maxConnectionsPerSource,
    Duration messageTimeout,
    Duration idleTimeout) {

  // A real INVITE has 10-25 header lines of well under 1 KB each, and nobody folds any more.
  static final int DEFAULT_MAX_HEADERS = 128;
  static final int DEFAULT_MAX_LINE_LENGTH = 8192;
  static final int DEFAULT_MAX_FOLDED_LINES = 64;
  // A PBX or trunk is normally trusted (exempt, see SipHandler#isTrustedSource); anybody else
  // sending 100 requests a second is scanning or flooding.
  static final int DEFAULT_RATE_PER_SOURCE = 100;
  static final Duration DEFAULT_BAN_TIME = Duration.ofSeconds(60);
  static final int DEFAULT_RATE_TABLE_SIZE = 16384;
  // 1,000 calls/s hold a few thousand transactions; 32 s of answered ones linger as ~100,000 keys
  static final int DEFAULT_MAX_TRANSACTIONS = 50_000;
  static final int DEFAULT_MAX_LINGERING = 500_000;
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);
  // PBXs and trunks reuse a few connections each; 1,024 buffering at most 64 KiB each is 64 MiB
  static final int DEFAULT_MAX_CONNECTIONS = 1024;
  static final int DEFAULT_MAX_CONNECTIONS_PER_SOURCE = 32;
  static final Duration DEFAULT_MESSAGE_TIMEOUT = Duration.ofSeconds(5);
  // RFC 5626 clients send a CRLF keep-alive every 95-120 s over TCP: they stay connected
  static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(180);

  public SipLimits {
    maxHeaders = orDefault(maxHeaders, DEFAULT_MAX_HEADERS);
    maxLineLength = orDefault(maxLineLength, DEFAULT_MAX_LINE_LENGTH);
    maxFoldedLines = maxFoldedLines < 0 ? DEFAULT_MAX_FOLDED_LINES : maxFoldedLines;
    ratePerSource = orDefault(ratePerSource, DEFAULT_RATE_PER_SOURCE);
    banTime = orDefault(banTime, DEFAULT_BAN_TIME);
    rateTableSize = orDefault(rateTableSize, DEFAULT_RATE_TABLE_SIZE);
    maxTransactions = orDefault(maxTransactions, DEFAULT_MAX_TRANSACTIONS);
    maxLingering = orDefault(maxLingering, DEFAULT_MAX_LINGERING);
    retryAfter = orDefault(retryAfter, DEFAULT_RETRY_AFTER);
    maxConnections = orDefault(maxConnections, DEFAULT_MAX_CONNECTIONS);
    maxConnectionsPerSource =
        orDefault(maxConnectionsPerSource, DEFAULT_MAX_CONNECTIONS_PER_SOURCE);
    messageTimeout = orDefault(messageTimeout, DEFAULT_MESSAGE_TIMEOUT);
    idleTimeout = orDefault(idleTimeout, DEFAULT_IDLE_TIMEOUT);
  }

  /** Every limit at its default. */
  public static SipLimits defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxHeaders = maxHeaders;
    b.maxLineLength = maxLineLength;
    b.maxFoldedLines = maxFoldedLines;
    b.ratePerSource = ratePerSource;
    b.banTime = banTime;
    b.rateTableSize = rateTableSize;
    b.maxTransactions = maxTransactions;
    b.maxLingering = maxLingering;
    b.retryAfter = retryAfter;
    b.maxConnections = maxConnections;
    b.maxConnectionsPerSource = maxConnectionsPerSource;
    b.messageTimeout = messageTimeout;
    b.idleTimeout = idleTimeout;
    return b;
  }

  private static int orDefault(int v, int dflt) {
    return v > 0 ? v : dflt;
  }

  private static Duration orDefault(Duration v, Duration dflt) {
    return v == null || v.isNegative() || v.isZero() ? dflt : v;
  }

  /** Sets some limits; the others keep their defaults. */
  public static final class Builder {
    private int maxHeaders;
    private int maxLineLength;
    private int maxFoldedLines = -1;
    private int ratePerSource;
    private Duration banTime;
    private int rateTableSize;
    private int maxTransactions;
    private int maxLingering;
    private Duration retryAfter;
    private int maxConnections;
    private int maxConnectionsPerSource;
    private Duration messageTimeout;
    private Duration idleTimeout;

    private Builder() {}

    public Builder maxHeaders(int v) {
      maxHeaders = v;
      return this;
    }

    public Builder maxLineLength(int v) {
      maxLineLength = v;
      return this;
    }

    /** 0 refuses any folded line. */
    public Builder maxFoldedLines(int v) {
      maxFoldedLines = v;
      return this;
    }

    public Builder ratePerSource(int v) {
      ratePerSource = v;
      return this;
    }

    public Builder banTime(Duration v) {
      banTime = v;
      return this;
    }

    public Builder rateTableSize(int v) {
      rateTableSize = v;
      return this;
    }

    public Builder maxTransactions(int v) {
      maxTransactions = v;
      return this;
    }

    public Builder maxLingering(int v) {
      maxLingering = v;
      return this;
    }

    public Builder retryAfter(Duration v) {
      retryAfter = v;
      return this;
    }

    public Builder maxConnections(int v) {
      maxConnections = v;
      return this;
    }

    public Builder maxConnectionsPerSource(int v) {
      maxConnectionsPerSource = v;
      return this;
    }

    public Builder messageTimeout(Duration v) {
      messageTimeout = v;
      return this;
    }

    public Builder idleTimeout(Duration v) {
      idleTimeout = v;
      return this;
    }

    public SipLimits build() {
      return new SipLimits(
          maxHeaders,
          maxLineLength,
          maxFoldedLines,
          ratePerSource,
          banTime,
          rateTableSize,
          maxTransactions,
          maxLingering,
          retryAfter,
          maxConnections,
          maxConnectionsPerSource,
          messageTimeout,
          idleTimeout);
    }
  }
}
