package io.trunkline.platform.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * Resolves SIP targets the RFC 3263 way, shared by both SIP services so that they pick the same
 * servers in the same order.
 *
 * <p>{@link #resolve} never blocks: its stage completes on the resolver's own thread once DNS has
 * answered (callers on a Vert.x event loop hop back to their context; JAIN-SIP callers may block on
 * it). {@link #cached} answers from the cache alone and is cheap enough for every call's hot path.
 * A failed lookup completes normally, as a {@link SipResolution} with a {@link DnsFailure}.
 *
 * <p>Answers are cached per record for their TTL (capped by {@link DnsSettings#maxTtl()}); negative
 * answers and failures for a short while; concurrent lookups of an uncached record share one query.
 * SRV weights are drawn afresh on every call, also from the cache.
 */
public final class SipResolver implements AutoCloseable {

  private final ExecutorService executor;
  private final RecordCache cache;
  private final Rfc3263 chain;

  public SipResolver(DnsSettings settings) {
    this(settings, ThreadLocalRandom::current, System::nanoTime);
  }

  /** For tests: a seeded random source for SRV weights and a clock. */
  SipResolver(DnsSettings settings, Supplier<RandomGenerator> random, LongSupplier nanoClock) {
    this(settings, resolverFor(settings), random, nanoClock);
  }

  SipResolver(
      DnsSettings settings,
      Resolver dns,
      Supplier<RandomGenerator> random,
      LongSupplier nanoClock) {
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "trunkline-dns");
              t.setDaemon(true);
              return t;
            });
    this.cache = new RecordCache(dns, settings, executor, nanoClock);
    this.chain = new Rfc3263(settings, random);
  }

  /** Resolves from the cache, querying DNS for whatever is missing or expired. */
  public CompletionStage<SipResolution> resolve(SipLookup lookup) {
    return guard(lookup, start(lookup, cache::get));
  }

  /**
   * The resolution when every record it needs is cached and fresh (a cached failure included), else
   * empty. Never queries and never blocks.
   */
  public Optional<SipResolution> cached(SipLookup lookup) {
    CompletableFuture<SipResolution> result =
        guard(
            lookup,
            start(
                lookup,
                (name, type) -> {
                  DnsAnswer answer = cache.fresh(name, type);
                  return answer != null
                      ? CompletableFuture.completedFuture(answer)
                      : CompletableFuture.failedFuture(CacheMiss.INSTANCE);
                }));
    return result.isDone() && !result.isCompletedExceptionally()
        ? Optional.ofNullable(result.getNow(null))
        : Optional.empty();
  }

  /** DNS queries sent so far (cache misses, after coalescing); for metrics. */
  public long queriesSent() {
    return cache.queriesSent();
  }

  /** Forgets every cached answer. */
  public void clearCache() {
    cache.clear();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  private CompletableFuture<SipResolution> start(SipLookup lookup, Rfc3263.Source source) {
    try {
      return chain.resolve(lookup, source);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** A bug in the chain must not leave a caller waiting or throwing: it becomes a failure. */
  private static CompletableFuture<SipResolution> guard(
      SipLookup lookup, CompletableFuture<SipResolution> resolution) {
    return resolution.handle(
        (r, error) -> {
          if (error == null) {
            return r;
          }
          Throwable cause = error.getCause() != null ? error.getCause() : error;
          if (cause instanceof CacheMiss miss) {
            throw miss;
          }
          return SipResolution.failed(
              lookup, new DnsFailure(DnsFailure.Kind.SERVER_ERROR, lookup.host() + ": " + cause));
        });
  }

  private static Resolver resolverFor(DnsSettings settings) {
    List<Resolver> servers = new ArrayList<>();
    for (var address : DnsServers.parse(settings.servers())) {
      SimpleResolver server = new SimpleResolver(address);
      server.setTimeout(settings.timeout());
      servers.add(server);
    }
    ExtendedResolver resolver = new ExtendedResolver(servers);
    resolver.setRetries(settings.attempts());
    resolver.setLoadBalance(false);
    resolver.setTimeout(
        settings.timeout().multipliedBy((long) settings.attempts() * servers.size()));
    return resolver;
  }

  /** Marks a record the cache-only path does not have; carries no stack trace. */
  private static final class CacheMiss extends RuntimeException {
    static final CacheMiss INSTANCE = new CacheMiss();

    private CacheMiss() {
      super("not cached", null, false, false);
    }
  }
}
