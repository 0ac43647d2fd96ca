package io.trunkline.config.repository;

import io.trunkline.config.domain.error.ConcurrentChangeException;
import io.trunkline.config.domain.error.ConflictException;
import io.trunkline.config.domain.error.Failures;
import io.trunkline.config.domain.error.ServiceUnavailableException;
import io.vertx.sqlclient.DatabaseException;
import jakarta.persistence.OptimisticLockException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.hibernate.StaleStateException;

/**
 * Turns what PostgreSQL, the SQL clients and Hibernate throw into the service's exceptions, so that
 * no race and no outage ever reaches a client as a 500: a lost optimistic race, a serialization
 * failure or a deadlock is a concurrent change (409), a unique violation on a name is a name
 * conflict (409), and an unreachable, restarting or overloaded database is unavailable (503).
 * Anything else passes through unchanged.
 */
public final class PersistenceFailures {

  private PersistenceFailures() {}

  public static Throwable translate(Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause()) {
      if (Failures.isServiceException(c)) {
        return c;
      }
      if (c instanceof OptimisticLockException || c instanceof StaleStateException) {
        return new ConcurrentChangeException();
      }
      Throwable mapped = bySqlState(sqlState(c), c);
      if (mapped != null) {
        return mapped;
      }
      if (isConnectionProblem(c)) {
        return new ServiceUnavailableException("the database is not reachable");
      }
    }
    return failure;
  }

  private static String sqlState(Throwable c) {
    if (c instanceof DatabaseException d) {
      return d.getSqlState();
    }
    if (c instanceof SQLException s) {
      return s.getSQLState();
    }
    if (c instanceof org.hibernate.exception.ConstraintViolationException v) {
      return v.getSQLState();
    }
    return null;
  }

  private static Throwable bySqlState(String state, Throwable c) {
    if (state == null) {
      return null;
    }
    if (state.equals("23505")) {
      return String.valueOf(c.getMessage()).contains("name_unique")
              || constraint(c).contains("name_unique")
          ? new ConflictException("the name exists already")
          : new ConcurrentChangeException();
    }
    if (state.equals("40001") || state.equals("40P01")) {
      return new ConcurrentChangeException();
    }
    if (state.equals("57014") || state.equals("55P03") || state.equals("25P03")) {
      return new ServiceUnavailableException("the database is busy");
    }
    if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")) {
      return new ServiceUnavailableException("the database is not reachable");
    }
    return null;
  }

  private static String constraint(Throwable c) {
    if (c instanceof org.hibernate.exception.ConstraintViolationException v) {
      return String.valueOf(v.getConstraintName());
    }
    if (c instanceof io.vertx.pgclient.PgException p) {
      return String.valueOf(p.getConstraint());
    }
    return "";
  }

  private static boolean isConnectionProblem(Throwable c) {
    String cls = c.getClass().getName();
    String msg = String.valueOf(c.getMessage());
    return c instanceof ConnectException
        || cls.endsWith("ClosedConnectionException")
        || cls.contains("ConnectTimeoutException")
        || cls.endsWith("NoStackTraceThrowable") && msg.contains("onnection")
        || msg.contains("Connection refused")
        || msg.contains("Timeout while acquiring a connection")
        || msg.contains("Connection is not active")
        || msg.contains("Pool closed");
  }
}
