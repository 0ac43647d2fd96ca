package io.trunkline.config.domain.error;

/** The addressed trunk, rule or template does not exist (404 / NOT_FOUND). */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message, null, false, false);
  }
}
