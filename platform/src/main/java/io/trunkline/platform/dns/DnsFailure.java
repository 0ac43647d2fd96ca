package io.trunkline.platform.dns;

/**
 * Why a lookup gave no target. Callers surface every kind the same way, as reason {@link #REASON}
 * ("dns"); the kind and detail are for logs and the operator.
 *
 * @param kind what went wrong
 * @param detail which name and record type, in words
 */
public record DnsFailure(Kind kind, String detail) {

  /** The reason callers publish when a trunk cannot be reached because of DNS. */
  public static final String REASON = "dns";

  public enum Kind {
    /** The name does not exist, or has no usable record (no address for any SRV target). */
    NOT_FOUND,
    /** The domain says the service is decidedly not available (SRV target "."). */
    NO_SERVICE,
    /** No DNS server answered in time. */
    TIMEOUT,
    /** A DNS server answered with an error (SERVFAIL, REFUSED...) or could not be reached. */
    SERVER_ERROR
  }

  /** Always {@code "dns"}. */
  public String reason() {
    return REASON;
  }

  @Override
  public String toString() {
    return REASON + " (" + kind + "): " + detail;
  }
}
