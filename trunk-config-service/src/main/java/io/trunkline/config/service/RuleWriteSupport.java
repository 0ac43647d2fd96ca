package io.trunkline.config.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.config.event.OutboxRelay;
import io.trunkline.config.repository.Transactions;
import io.trunkline.config.repository.TrunkRepository;
import jakarta.inject.Singleton;

/**
 * The collaborators the use cases of every rule kind share, passed as one: the transactions, the
 * trunks a rule names (locked while it is written), the outbox relay to wake after a commit, and
 * the JSON mapper.
 */
@Singleton
public record RuleWriteSupport(
    Transactions tx, TrunkRepository trunks, OutboxRelay relay, ObjectMapper mapper) {}
