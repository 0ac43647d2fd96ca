package io.trunkline.platform.dns;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers per (name, type), kept for their TTL (capped), negative answers and failures for a short
 * while; concurrent requests for an answer that is not cached share one query.
 */
final class RecordCache {

  private record Key(Name name, int type) {}

  private final Resolver resolver;
  private final DnsSettings settings;
  private final Executor executor;
  private final LongSupplier nanoClock;
  private final Map<Key, DnsAnswer> answers = new ConcurrentHashMap<>();
  private final Map<Key, CompletableFuture<DnsAnswer>> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong queriesSent = new AtomicLong();

  RecordCache(Resolver resolver, DnsSettings settings, Executor executor, LongSupplier nanoClock) {
    this.resolver = resolver;
    this.settings = settings;
    this.executor = executor;
    this.nanoClock = nanoClock;
  }

  /** The cached answer while it is fresh, else null. Never queries. */
  DnsAnswer fresh(Name name, int type) {
    DnsAnswer answer = answers.get(new Key(name, type));
    return answer != null && answer.isFresh(nanoClock.getAsLong()) ? answer : null;
  }

  /** The fresh cached answer, or the answer of a query (shared with concurrent callers). */
  CompletableFuture<DnsAnswer> get(Name name, int type) {
    DnsAnswer cached = fresh(name, type);
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    Key key = new Key(name, type);
    CompletableFuture<DnsAnswer> mine = new CompletableFuture<>();
    CompletableFuture<DnsAnswer> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      return running;
    }
    // a query that finished between the cache check and the putIfAbsent stored its answer
    cached = fresh(name, type);
    if (cached != null) {
      inFlight.remove(key, mine);
      mine.complete(cached);
      return mine;
    }
    query(key)
        .whenComplete(
            (answer, ignored) -> {
              answers.put(key, answer);
              inFlight.remove(key, mine);
              mine.complete(answer);
              evictIfFull();
            });
    return mine;
  }

  long queriesSent() {
    return queriesSent.get();
  }

  void clear() {
    answers.clear();
  }

  private CompletableFuture<DnsAnswer> query(Key key) {
    Message query = Message.newQuery(Record.newRecord(key.name(), key.type(), DClass.IN));
    queriesSent.incrementAndGet();
    CompletableFuture<DnsAnswer> result = new CompletableFuture<>();
    try {
      resolver
          .sendAsync(query, executor)
          .whenComplete(
              (response, error) ->
                  result.complete(error == null ? toAnswer(key, response) : toFailure(key, error)));
    } catch (RuntimeException e) {
      result.complete(toFailure(key, e));
    }
    return result;
  }

  private DnsAnswer toAnswer(Key key, Message response) {
    long now = nanoClock.getAsLong();
    int rcode = response.getRcode();
    String what = key.name() + " " + Type.string(key.type());
    if (rcode == Rcode.NXDOMAIN) {
      return new DnsAnswer(
          DnsAnswer.Status.NX_DOMAIN,
          List.of(),
          what + ": no such name",
          now + negativeTtl(response).toNanos());
    }
    if (rcode != Rcode.NOERROR) {
      return new DnsAnswer(
          DnsAnswer.Status.ERROR,
          List.of(),
          what + ": server answered " + Rcode.string(rcode),
          now + settings.failureTtl().toNanos());
    }
    List<Record> records = new ArrayList<>();
    long ttl = Long.MAX_VALUE;
    // the answer section may also hold the CNAME chain that led here; keep the asked-for type
    for (Record r : response.getSection(Section.ANSWER)) {
      if (r.getType() == key.type()) {
        records.add(r);
        ttl = Math.min(ttl, r.getTTL());
      }
    }
    if (records.isEmpty()) {
      return new DnsAnswer(
          DnsAnswer.Status.NO_DATA,
          List.of(),
          what + ": no such record",
          now + negativeTtl(response).toNanos());
    }
    long keep = Math.min(Duration.ofSeconds(ttl).toNanos(), settings.maxTtl().toNanos());
    return new DnsAnswer(DnsAnswer.Status.RECORDS, List.copyOf(records), what, now + keep);
  }

  private DnsAnswer toFailure(Key key, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    boolean timeout = false;
    for (Throwable t = cause; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      timeout |= t instanceof SocketTimeoutException || message.startsWith("Timed out");
    }
    String what = key.name() + " " + Type.string(key.type());
    return new DnsAnswer(
        timeout ? DnsAnswer.Status.TIMEOUT : DnsAnswer.Status.ERROR,
        List.of(),
        what + (timeout ? ": no answer in time" : ": " + cause),
        nanoClock.getAsLong() + settings.failureTtl().toNanos());
  }

  /** RFC 2308: a negative answer lives for the SOA's minimum; never longer than configured. */
  private Duration negativeTtl(Message response) {
    Duration limit = settings.negativeTtl();
    for (Record r : response.getSection(Section.AUTHORITY)) {
      if (r instanceof SOARecord soa) {
        Duration soaTtl = Duration.ofSeconds(Math.min(soa.getTTL(), soa.getMinimum()));
        return soaTtl.compareTo(limit) < 0 ? soaTtl : limit;
      }
    }
    return limit;
  }

  private void evictIfFull() {
    if (answers.size() <= settings.maxEntries()) {
      return;
    }
    long now = nanoClock.getAsLong();
    answers.values().removeIf(a -> !a.isFresh(now));
    var it = answers.keySet().iterator();
    while (answers.size() > settings.maxEntries() && it.hasNext()) {
      it.next();
      it.remove();
    }
  }
}
