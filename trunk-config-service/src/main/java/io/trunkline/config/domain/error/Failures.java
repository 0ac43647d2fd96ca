package io.trunkline.config.domain.error;

/** Finds the service's own exception inside whatever wraps it (the mappers' last resort). */
public final class Failures {
  private Failures() {}

  /** The first service exception in the cause chain, else the failure itself. */
  public static Throwable unwrap(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (isServiceException(c)) {
        return c;
      }
    }
    return t;
  }

  /** Whether the API already knows how to answer it (400, 404, 409, 412, 503). */
  public static boolean isServiceException(Throwable c) {
    return c instanceof InvalidRequestException
        || c instanceof NotFoundException
        || c instanceof ConflictException
        || c instanceof PreconditionFailedException
        || c instanceof ServiceUnavailableException;
  }
}
