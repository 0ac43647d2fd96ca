package io.trunkline.config.domain.rule;

/** Order in which a rule's routes are tried. */
public enum Strategy {
  PRIORITIZED,
  RANDOM,
  WEIGHTED,
  LEAST_BUSY
}
