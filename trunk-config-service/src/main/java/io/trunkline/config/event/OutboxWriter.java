package io.trunkline.config.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.trunkline.config.config.TrunklineConfig;
import io.trunkline.config.repository.OutboxEntity;
import io.trunkline.config.repository.TrunkEntity;
import io.trunkline.config.service.RuleView;
import io.trunkline.config.service.TrunkView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes the Kafka record of a change into the outbox, inside the caller's transaction, in the JSON
 * of docs/contract.md. The relay publishes it after the commit.
 */
@ApplicationScoped
public class OutboxWriter {

  private final ObjectMapper mapper;
  private final TrunklineConfig.Outbox config;

  public OutboxWriter(ObjectMapper mapper, TrunklineConfig config) {
    this.mapper = mapper;
    this.config = config.outbox();
  }

  /** The full state of a trunk, with its password still encrypted. */
  public Uni<Void> trunkChanged(TrunkEntity trunk) {
    ObjectNode json = header(config.trunkTopic(), trunk.version, trunk.updatedAt);
    json.setAll((ObjectNode) mapper.valueToTree(TrunkView.of(trunk)));
    json.remove("passwordSet");
    json.put("passwordEncrypted", trunk.passwordEncrypted);
    json.put("schema", config.trunkTopic());
    return write(config.trunkTopic(), trunk.id, json);
  }

  public Uni<Void> trunkDeleted(UUID id) {
    return write(config.trunkTopic(), id, null);
  }

  public Uni<Void> ruleChanged(RuleView rule) {
    ObjectNode json = header(config.rulesTopic(), rule.version(), rule.updatedAt());
    json.setAll((ObjectNode) mapper.valueToTree(rule));
    json.put("schema", config.rulesTopic());
    return write(config.rulesTopic(), rule.id(), json);
  }

  public Uni<Void> ruleDeleted(UUID id) {
    return write(config.rulesTopic(), id, null);
  }

  private ObjectNode header(String topic, long version, Instant at) {
    ObjectNode json = mapper.createObjectNode();
    json.put("schema", topic);
    json.put("version", version);
    json.put("at", at.toString());
    return json;
  }

  private Uni<Void> write(String topic, UUID key, ObjectNode value) {
    OutboxEntity row = new OutboxEntity();
    row.topic = topic;
    row.messageKey = key.toString();
    try {
      row.payload = value == null ? null : mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(new IllegalStateException("cannot serialise event", e));
    }
    row.createdAt = Instant.now();
    return Panache.getSession().chain(s -> s.persist(row)).replaceWithVoid();
  }
}
