package io.trunkline.platform.dns;

import java.util.List;
import org.xbill.DNS.Record;

/**
 * One cached answer for one name and record type: the records, or the negative answer, or the
 * failure, with the time (System.nanoTime scale) it stops being used.
 */
record DnsAnswer(Status status, List<Record> records, String detail, long expiresAtNanos) {

  enum Status {
    RECORDS,
    NO_DATA,
    NX_DOMAIN,
    TIMEOUT,
    ERROR
  }

  boolean isError() {
    return status == Status.TIMEOUT || status == Status.ERROR;
  }

  boolean isFresh(long nowNanos) {
    return expiresAtNanos - nowNanos > 0;
  }

  DnsFailure.Kind failureKind() {
    return status == Status.TIMEOUT ? DnsFailure.Kind.TIMEOUT : DnsFailure.Kind.SERVER_ERROR;
  }
}
