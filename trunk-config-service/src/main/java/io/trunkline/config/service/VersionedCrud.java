package io.trunkline.config.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.trunkline.config.domain.Versioned;

/**
 * The write and read use cases every stored collection (trunks, outbound and inbound rules) offers
 * the same way: a body is checked as a whole, {@code ifMatch} is an ETag (or null) and a stale one
 * fails with 412, a missing id with 404.
 *
 * @param <V> what the API returns
 */
public interface VersionedCrud<V extends Versioned> {

  Uni<V> get(String id);

  Uni<V> create(ObjectNode body);

  /** Full replace. */
  Uni<V> replace(String id, ObjectNode body, String ifMatch);

  /** RFC 7396 merge patch onto the current state. */
  Uni<V> patch(String id, ObjectNode body, String ifMatch);

  Uni<Void> delete(String id, String ifMatch);
}
