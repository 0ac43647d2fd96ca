package io.trunkline.config.service;

import io.smallrye.mutiny.Uni;
import io.trunkline.config.domain.rule.DraftReader;
import io.trunkline.config.domain.rule.ValidRule;
import java.util.UUID;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * What sets one kind of rule apart for {@link RuleUseCases}: its name in answers, a new row, how a
 * body is read, and the topic its changes and tombstones go to.
 *
 * @param name the kind as errors name it ("outbound rule")
 * @param newEntity a new, empty row of the kind
 * @param reader reads and checks a request body
 * @param changed writes the rule's full state to its topic's outbox, in the caller's transaction
 * @param deleted writes the rule's tombstone to its topic's outbox, in the caller's transaction
 */
public record RuleKind<E, V, D extends ValidRule>(
    String name,
    Supplier<E> newEntity,
    DraftReader<D> reader,
    Changed<V> changed,
    Deleted deleted) {

  /** Writes a rule's state to the outbox. */
  @FunctionalInterface
  public interface Changed<V> {
    Uni<Void> write(Mutiny.Session s, V view);
  }

  /** Writes a rule's tombstone to the outbox. */
  @FunctionalInterface
  public interface Deleted {
    Uni<Void> write(Mutiny.Session s, UUID id);
  }
}
