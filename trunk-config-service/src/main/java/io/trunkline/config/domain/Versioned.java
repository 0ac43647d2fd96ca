package io.trunkline.config.domain;

import java.util.UUID;

/** Something the API stores under an id and changes under optimistic versions (its ETag). */
public interface Versioned {

  UUID id();

  long version();
}
