package io.trunkline.config.service;

import io.smallrye.mutiny.Uni;
import io.trunkline.config.domain.error.ConflictException;
import io.trunkline.config.domain.error.NotFoundException;
import io.trunkline.config.repository.VersionedRow;

/** The 404, 409 and 412 checks that trunks and rules share. */
final class Lookups {

  private Lookups() {}

  /** The entity, or a 404 "no {what} {id}" when the lookup found nothing. */
  static <T> Uni<T> found(Uni<T> lookup, String what, String id) {
    return lookup.onItem().ifNull().failWith(() -> new NotFoundException("no " + what + " " + id));
  }

  /**
   * The row a change is based on: a 404 when the lookup found nothing, a 412 when If-Match names
   * another version than the row's.
   */
  static <E extends VersionedRow> Uni<E> current(
      Uni<E> lookup, String what, String id, String ifMatch) {
    return found(lookup, what, id).invoke(row -> Versions.check(ifMatch, row.version));
  }

  /** Nothing, or a 409 "{aWhat} named '{name}' exists already" when the name is taken. */
  static Uni<Void> nameFree(Uni<Boolean> taken, String aWhat, String name) {
    return taken
        .invoke(
            t -> {
              if (t) {
                throw new ConflictException(aWhat + " named '" + name + "' exists already");
              }
            })
        .replaceWithVoid();
  }
}
