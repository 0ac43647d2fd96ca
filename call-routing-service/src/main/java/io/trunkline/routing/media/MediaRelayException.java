package io.trunkline.routing.media;

/**
 * A failed ng command. The reason is the bounded label of {@code media_errors_total}: {@code
 * timeout} (the instance did not answer), {@code error} (rtpengine refused the command), {@code
 * malformed} (an unreadable reply), {@code io} (the command could not be sent), {@code no_instance}
 * (no instance is up for a new session), {@code closed} (the session or the service has ended).
 */
public final class MediaRelayException extends RuntimeException {

  private final String reason;

  MediaRelayException(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /** The metric label. */
  public String reason() {
    return reason;
  }
}
