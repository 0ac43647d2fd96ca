package io.trunkline.config.domain.error;

/**
 * Another request changed or deleted the same trunk or rule between this request's read and its
 * write (a lost optimistic race): 409 over REST, ABORTED over gRPC. Reloading and retrying works.
 */
public class ConcurrentChangeException extends ConflictException {
  public ConcurrentChangeException() {
    super("changed concurrently by another request; reload it and retry");
  }
}
