package io.trunkline.config.service;

import jakarta.persistence.OptimisticLockException;
import java.net.ConnectException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;

/** Turns persistence failures into the API's errors; the rest passes through unchanged. */
public final class Failures {
  private Failures() {}

  public static Throwable translate(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InvalidRequestException
          || c instanceof NotFoundException
          || c instanceof ConflictException
          || c instanceof PreconditionFailedException
          || c instanceof ServiceUnavailableException) {
        return c;
      }
      if (c instanceof OptimisticLockException || c instanceof StaleStateException) {
        return new ConflictException("changed concurrently; reload it and retry");
      }
      if (c instanceof ConstraintViolationException cve) {
        String name = String.valueOf(cve.getConstraintName());
        if (name.contains("name_unique")) {
          return new ConflictException("the name exists already");
        }
      }
      if (isUnavailable(c)) {
        return new ServiceUnavailableException("the database is not reachable");
      }
    }
    return t;
  }

  private static boolean isUnavailable(Throwable c) {
    String cls = c.getClass().getName();
    String msg = String.valueOf(c.getMessage());
    return c instanceof ConnectException
        || cls.endsWith("ClosedConnectionException")
        || cls.endsWith("NoStackTraceThrowable") && msg.contains("connection")
        || cls.contains("ConnectTimeoutException")
        || msg.contains("Connection refused")
        || msg.contains("Timeout while acquiring a connection");
  }
}
