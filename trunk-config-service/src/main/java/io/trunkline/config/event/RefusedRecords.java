package io.trunkline.config.event;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Which send failures are the record's own and final: sending it again can never succeed, so the
 * relay parks it instead of stalling every later change behind it. Everything else (broker down,
 * timeouts, leader changes, missing rights) is an outage of the whole producer and is retried.
 */
final class RefusedRecords {

  private RefusedRecords() {}

  static boolean isPermanent(Throwable failure) {
    return failure instanceof RecordTooLargeException
        || failure instanceof RecordBatchTooLargeException
        || failure instanceof InvalidRecordException
        || failure instanceof SerializationException;
  }
}
