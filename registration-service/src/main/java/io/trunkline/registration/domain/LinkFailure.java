package io.trunkline.registration.domain;

/**
 * A request that could not leave: the SIP side tells the code and reason the trunk's status shows,
 * and whether the request may have reached the wire (a transport error) or was never built.
 */
public final class LinkFailure extends Exception {

  private final int code;
  private final boolean attempted;

  private LinkFailure(int code, String reason, boolean attempted) {
    super(reason);
    this.code = code;
    this.attempted = attempted;
  }

  /** The transport refused the request (503). */
  public static LinkFailure transport(String detail) {
    return new LinkFailure(503, "transport error: " + detail, true);
  }

  /**
   * The trunk's domain did not resolve (no address, no DNS answer): nothing was sent. The status
   * shows reason {@code dns}; the detail goes to the log.
   */
  public static LinkFailure dns() {
    return new LinkFailure(503, DNS, false);
  }

  /**
   * The TLS handshake with the trunk failed (certificate not trusted or not for the trunk's host,
   * no common protocol): nothing was sent. The status shows reason {@code tls}.
   */
  public static LinkFailure tls() {
    return new LinkFailure(503, TLS, false);
  }

  /** The reason of a request that could not leave because the TLS handshake failed. */
  public static final String TLS = "tls";

  /** The reason of a request that could not leave because the trunk's name did not resolve. */
  public static final String DNS = "dns";

  /**
   * The request could not be built or handed over (500); {@code attempted} when it failed only
   * while being handed to the transport.
   */
  public static LinkFailure unbuildable(String what, String detail, boolean attempted) {
    return new LinkFailure(500, "cannot build " + what + ": " + detail, attempted);
  }

  public int code() {
    return code;
  }

  /** Whether the request was handed to the transport (a binding may exist to remove later). */
  public boolean attempted() {
    return attempted;
  }
}
