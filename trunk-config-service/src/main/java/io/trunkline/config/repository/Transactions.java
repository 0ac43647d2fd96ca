package io.trunkline.config.repository;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.trunkline.config.domain.error.ServiceUnavailableException;
import io.trunkline.config.settings.TrunklineConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The one way into the database for the API: every call opens its own session (and, for writes, its
 * own transaction), hands it explicitly to the work, and closes it. Nothing looks a session up from
 * a Vert.x context, so two requests can never end up in each other's session, whatever thread a
 * database answer arrives on.
 *
 * <p>Started work runs to its end even when the caller goes away (a client that hangs up
 * mid-request): the transaction then commits or rolls back as a whole, instead of being cut between
 * two statements. Persistence failures come out as the service's exceptions (see {@link
 * PersistenceFailures}).
 */
@ApplicationScoped
public class Transactions {

  private final Mutiny.SessionFactory factory;
  private final Vertx vertx;
  private final Duration timeout;

  public Transactions(Mutiny.SessionFactory factory, Vertx vertx, TrunklineConfig config) {
    this.factory = factory;
    this.vertx = vertx;
    this.timeout = config.database().transactionTimeout();
  }

  /** Runs the work in a fresh session and transaction: committed when its Uni succeeds. */
  public <T> Uni<T> write(Function<Mutiny.Session, Uni<T>> work) {
    return run(
        () ->
            open()
                .chain(
                    session ->
                        session
                            .withTransaction(tx -> work.apply(session))
                            .eventually(session::close)));
  }

  /** Runs queries in a fresh session without a transaction of their own. */
  public <T> Uni<T> read(Function<Mutiny.Session, Uni<T>> work) {
    return run(
        () ->
            open()
                .chain(
                    session ->
                        Uni.createFrom()
                            .deferred(() -> work.apply(session))
                            .eventually(session::close)));
  }

  /** A session on its own connection; no connection at all means the database is unavailable. */
  private Uni<Mutiny.Session> open() {
    return factory
        .openSession()
        .onFailure()
        .transform(
            e ->
                e instanceof ServiceUnavailableException
                    ? e
                    : new ServiceUnavailableException("the database is not reachable"));
  }

  private <T> Uni<T> run(Supplier<Uni<T>> work) {
    Uni<T> detached =
        Uni.createFrom()
            .emitter(
                emitter -> {
                  Context here = Vertx.currentContext();
                  if (here != null && Context.isOnEventLoopThread()) {
                    subscribe(work, emitter);
                  } else {
                    // Worker threads (reconciliation, tests) get an event-loop context of their
                    // own: reactive sessions live on one event loop from open to close.
                    Context loop =
                        VertxContext.createNewDuplicatedContext(
                            ((VertxInternal) vertx).createEventLoopContext());
                    loop.runOnContext(v -> subscribe(work, emitter));
                  }
                });
    return detached
        .ifNoItem()
        .after(timeout)
        .failWith(
            () ->
                new ServiceUnavailableException(
                    "the database did not answer within " + timeout.toSeconds() + " s"))
        .onFailure()
        .transform(PersistenceFailures::translate);
  }

  private static <T> void subscribe(Supplier<Uni<T>> work, UniEmitter<? super T> emitter) {
    Uni<T> uni;
    try {
      uni = work.get();
    } catch (RuntimeException e) {
      emitter.fail(e);
      return;
    }
    // Subscribed on its own, not through the emitter: cancelling the caller does not cancel it.
    uni.subscribe().with(emitter::complete, emitter::fail);
  }
}
