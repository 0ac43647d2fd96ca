package io.trunkline.config.domain.error;

/** If-Match names a version other than the stored one, or a concurrent write won (412). */
public class PreconditionFailedException extends RuntimeException {
  public PreconditionFailedException(String message) {
    super(message, null, false, false);
  }
}
