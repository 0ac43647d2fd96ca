package io.trunkline.config.repository;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a rule entity does with its kind's checked rule and view, so that the use cases of every
 * rule kind can copy in and read out without knowing which kind they hold.
 *
 * @param <V> the rule as the API and the events show it
 * @param <D> the checked request body
 */
public interface StoredRule<V, D> {

  /** Copies a validated rule in; the nested parts become JSON text. */
  void apply(D draft, ObjectMapper mapper);

  /** The rule as the API and the events show it. */
  V toView(ObjectMapper mapper);
}
