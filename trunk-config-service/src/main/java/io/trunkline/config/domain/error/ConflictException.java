package io.trunkline.config.domain.error;

/** The change conflicts with stored state: duplicate name, trunk still in use (409). */
public class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message, null, false, false);
  }
}
