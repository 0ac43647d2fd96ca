package io.trunkline.config.domain.rule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trunkline.config.domain.validation.FieldErrors;

/**
 * Reads and checks one kind of rule from a request body, collecting every bad field.
 *
 * @param <D> the checked rule
 */
public interface DraftReader<D extends ValidRule> {

  /** The draft, or null when {@code errors} holds problems (more may follow from the DB). */
  D read(ObjectNode body, FieldErrors errors);
}
