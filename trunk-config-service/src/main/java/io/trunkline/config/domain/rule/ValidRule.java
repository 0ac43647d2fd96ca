package io.trunkline.config.domain.rule;

import java.util.Map;
import java.util.UUID;

/** A rule whose fields are all valid; only its trunk references still need the database. */
public interface ValidRule {

  String name();

  /** The trunks the rule names, by the field path that names each ({@code routes[1].trunkId}). */
  Map<String, UUID> trunkReferences();
}
