package io.trunkline.config.domain.error;

/** PostgreSQL cannot be reached (503 / UNAVAILABLE). */
public class ServiceUnavailableException extends RuntimeException {
  public ServiceUnavailableException(String message) {
    super(message, null, false, false);
  }
}
