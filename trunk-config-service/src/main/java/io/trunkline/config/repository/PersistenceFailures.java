package io.trunkline.config.repository;

import io.trunkline.config.domain.error.ConcurrentChangeException;
import io.trunkline.config.domain.error.ConflictException;
import io.trunkline.config.domain.error.Failures;
import io.trunkline.config.domain.error.ServiceUnavailableException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import jakarta.persistence.OptimisticLockException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import org.hibernate.StaleStateException;
import org.postgresql.util.PSQLException;

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
      return violatedConstraint(c).contains("name_unique")
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

  /**
   * The name of the unique constraint a write broke, from the first exception in the chain that
   * carries it: Hibernate's wrapper when it could tell, else the reactive client's or the JDBC
   * driver's report of the server's error.
   */
  private static String violatedConstraint(Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause()) {
      String name = null;
      if (c instanceof org.hibernate.exception.ConstraintViolationException v) {
        name = v.getConstraintName();
      } else if (c instanceof PgException p) {
        name = p.getConstraint();
      } else if (c instanceof PSQLException p && p.getServerErrorMessage() != null) {
        name = p.getServerErrorMessage().getConstraint();
      }
      if (name != null) {
        return name;
      }
    }
    return "";
  }

  /**
   * The connection is gone or was never made. A refused or timed-out connect is a {@link
   * ConnectException} (Netty's connect failures extend it), a connection reset or broken under a
   * running query a {@link SocketException} (its parent); a connection the server or the network
   * closed is the SQL client's {@link ClosedConnectionException}; and the SQL client reports a
   * connection or pool it can no longer use (closed pool, inactive connection, no connection free
   * in time) as a {@link NoStackTraceThrowable}, the one failure type Vert.x gives a bare message.
   */
  private static boolean isConnectionProblem(Throwable c) {
    return c instanceof SocketException
        || c instanceof ClosedConnectionException
        || c instanceof NoStackTraceThrowable;
  }
}
