package io.trunkline.config.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.trunkline.config.config.TrunklineConfig;
import io.trunkline.config.repository.TrunkEntity;
import io.trunkline.config.service.RuleView;
import io.trunkline.config.service.TrunkView;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Writes the Kafka record of a change into the outbox, in the session and transaction the caller
 * passes (the one that wrote the entity), so both rows commit or roll back together. The relay
 * publishes it after the commit.
 *
 * <p>The caller writes the entity row first: that write locks the row until commit, so the outbox
 * rows of one key get their ids in commit order, and the relay's id order is the key's order.
 */
@ApplicationScoped
public class OutboxWriter {

  private final ObjectMapper mapper;
  private final TrunklineConfig.Outbox config;
  private final RecordSize recordSize;

  public OutboxWriter(ObjectMapper mapper, TrunklineConfig config) {
    this.mapper = mapper;
    this.config = config.outbox();
    this.recordSize = new RecordSize(mapper, this.config.maxRecordBytes());
  }

  /** The full state of a trunk, with its password still encrypted. */
  public Uni<Void> trunkChanged(Mutiny.Session session, TrunkEntity trunk) {
    ObjectNode json = header(config.trunkTopic(), trunk.version, trunk.updatedAt);
    json.setAll((ObjectNode) mapper.valueToTree(TrunkView.of(trunk)));
    json.remove("passwordSet");
    json.put("passwordEncrypted", trunk.passwordEncrypted);
    json.put("schema", config.trunkTopic());
    return write(session, config.trunkTopic(), trunk.id, json);
  }

  public Uni<Void> trunkDeleted(Mutiny.Session session, UUID id) {
    return write(session, config.trunkTopic(), id, null);
  }

  public Uni<Void> ruleChanged(Mutiny.Session session, RuleView rule) {
    ObjectNode json = header(config.rulesTopic(), rule.version(), rule.updatedAt());
    json.setAll((ObjectNode) mapper.valueToTree(rule));
    json.put("schema", config.rulesTopic());
    return write(session, config.rulesTopic(), rule.id(), json);
  }

  public Uni<Void> ruleDeleted(Mutiny.Session session, UUID id) {
    return write(session, config.rulesTopic(), id, null);
  }

  private ObjectNode header(String topic, long version, Instant at) {
    ObjectNode json = mapper.createObjectNode();
    json.put("schema", topic);
    json.put("version", version);
    json.put("at", at.toString());
    return json;
  }

  private Uni<Void> write(Mutiny.Session session, String topic, UUID key, ObjectNode value) {
    String payload;
    try {
      payload = value == null ? null : mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(new IllegalStateException("cannot serialise event", e));
    }
    if (payload != null) {
      // Refused here, inside the transaction: nothing of the change is committed.
      recordSize.check(topic, key, payload.getBytes(StandardCharsets.UTF_8).length, value);
    }
    return session
        .createNativeQuery(
            "insert into outbox (topic, message_key, payload, created_at)"
                + " values (:topic, :key, cast(:payload as text), now())")
        .setParameter("topic", topic)
        .setParameter("key", key.toString())
        .setParameter("payload", payload)
        .executeUpdate()
        .replaceWithVoid();
  }
}
