package io.trunkline.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log records that would show a crash, collected while installed on the root logger: a test
 * under abuse asserts that {@link #records} stays empty. Which records count is the caller's
 * choice, as each service logs its errors under other categories.
 */
public final class ErrorLog extends Handler implements AutoCloseable {

  /** "category: message" of every record that counted. */
  public final List<String> records = new CopyOnWriteArrayList<>();

  private final Predicate<LogRecord> counts;

  private ErrorLog(Predicate<LogRecord> counts) {
    this.counts = counts;
  }

  /** Collects the records {@code counts} accepts until {@link #close()}. */
  public static ErrorLog install(Predicate<LogRecord> counts) {
    ErrorLog log = new ErrorLog(counts);
    Logger.getLogger("").addHandler(log);
    return log;
  }

  /** The record's category, "" when it has none. */
  public static String category(LogRecord r) {
    return r.getLoggerName() == null ? "" : r.getLoggerName();
  }

  @Override
  public void publish(LogRecord r) {
    if (counts.test(r)) {
      records.add(category(r) + ": " + r.getMessage());
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(this);
  }
}
