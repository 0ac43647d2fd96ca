package io.trunkline.routing.service;

import java.util.List;

/** The rule chosen for a call and its candidate routes in strategy order. */
public record Resolution(CompiledRule rule, int prefixLength, List<Candidate> candidates) {}
