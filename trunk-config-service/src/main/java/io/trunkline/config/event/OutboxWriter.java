package io.trunkline.config.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.trunkline.config.domain.rule.InboundRuleView;
import io.trunkline.config.domain.rule.RuleView;
import io.trunkline.config.repository.TrunkEntity;
import io.trunkline.config.settings.TrunklineConfig;
import io.trunkline.platform.event.EventEnvelope;
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
  private final TrunklineConfig.Topics topics;
  private final RecordSize recordSize;

  public OutboxWriter(ObjectMapper mapper, TrunklineConfig config) {
    this.mapper = mapper;
    this.topics = config.topics();
    this.recordSize = new RecordSize(mapper, config.outbox().maxRecordBytes());
  }

  /** The full state of a trunk, with its password still encrypted. */
  public Uni<Void> trunkChanged(Mutiny.Session session, TrunkEntity trunk) {
    EventEnvelope envelope =
        new EventEnvelope(topics.trunkConfig(), trunk.version, trunk.updatedAt);
    ObjectNode json = value(envelope, trunk.toView());
    json.remove("passwordSet");
    json.put("passwordEncrypted", trunk.passwordEncrypted);
    return write(session, envelope.schema(), trunk.id, json);
  }

  public Uni<Void> trunkDeleted(Mutiny.Session session, UUID id) {
    return write(session, topics.trunkConfig(), id, null);
  }

  public Uni<Void> ruleChanged(Mutiny.Session session, RuleView rule) {
    return stateOf(
        session, topics.routingRules(), rule.id(), rule.version(), rule.updatedAt(), rule);
  }

  /**
   * The record {@link #ruleChanged} writes, as text, for writers that insert outbox rows in bulk; a
   * record over the size limit is refused here like in {@link #ruleChanged}.
   */
  public String ruleRecord(RuleView rule) {
    EventEnvelope envelope =
        new EventEnvelope(topics.routingRules(), rule.version(), rule.updatedAt());
    ObjectNode value = value(envelope, rule);
    try {
      String payload = mapper.writeValueAsString(value);
      recordSize.check(
          topics.routingRules(), rule.id(), payload.getBytes(StandardCharsets.UTF_8).length, value);
      return payload;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise event", e);
    }
  }

  /** The topic {@link #ruleRecord} records go to. */
  public String ruleTopic() {
    return topics.routingRules();
  }

  public Uni<Void> ruleDeleted(Mutiny.Session session, UUID id) {
    return write(session, topics.routingRules(), id, null);
  }

  /** An inbound rule's full state, in the same envelope and keying as the outbound rules. */
  public Uni<Void> inboundRuleChanged(Mutiny.Session session, InboundRuleView rule) {
    return stateOf(
        session, topics.inboundRules(), rule.id(), rule.version(), rule.updatedAt(), rule);
  }

  public Uni<Void> inboundRuleDeleted(Mutiny.Session session, UUID id) {
    return write(session, topics.inboundRules(), id, null);
  }

  private Uni<Void> stateOf(
      Mutiny.Session session, String topic, UUID key, long version, Instant at, Object entity) {
    EventEnvelope envelope = new EventEnvelope(topic, version, at);
    return write(session, topic, key, value(envelope, entity));
  }

  /**
   * The envelope's fields first, then the entity's; the envelope's {@code schema} wins over any
   * field of that name, its version and time are the entity's own.
   */
  private ObjectNode value(EventEnvelope envelope, Object entity) {
    ObjectNode json = mapper.valueToTree(envelope);
    json.setAll((ObjectNode) mapper.valueToTree(entity));
    json.put("schema", envelope.schema());
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
