package io.trunkline.config.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.UUID;

/** A rule whose fields are all valid; only its trunk references still need the database. */
interface ValidRule<E> {

  String name();

  /** The trunks the rule names, by the field path that names each ({@code routes[1].trunkId}). */
  Map<String, UUID> trunkReferences();

  /** Writes the rule into the (new or loaded) entity; server fields are left alone. */
  void applyTo(E entity, ObjectMapper mapper);
}
