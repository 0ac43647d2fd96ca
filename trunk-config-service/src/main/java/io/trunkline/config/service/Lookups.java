package io.trunkline.config.service;

import io.smallrye.mutiny.Uni;
import io.trunkline.config.domain.error.ConflictException;
import io.trunkline.config.domain.error.NotFoundException;

/** The 404 and 409 checks that trunks and outbound rules share. */
final class Lookups {

  private Lookups() {}

  /** The entity, or a 404 "no {what} {id}" when the lookup found nothing. */
  static <T> Uni<T> found(Uni<T> lookup, String what, String id) {
    return lookup.onItem().ifNull().failWith(() -> new NotFoundException("no " + what + " " + id));
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
