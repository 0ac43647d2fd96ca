package io.trunkline.config.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.trunkline.config.domain.provider.ProviderTemplate;
import io.trunkline.config.domain.rule.InboundRuleDraft;
import io.trunkline.config.domain.rule.InboundRuleView;
import io.trunkline.config.domain.rule.RuleDraft;
import io.trunkline.config.domain.rule.RuleView;
import io.trunkline.config.domain.trunk.TrunkSettings;
import io.trunkline.config.domain.trunk.TrunkView;
import io.trunkline.config.grpc.v1.Destination;
import io.trunkline.config.grpc.v1.InboundRule;
import io.trunkline.config.grpc.v1.InboundRuleMatch;
import io.trunkline.config.grpc.v1.Provider;
import io.trunkline.config.grpc.v1.Route;
import io.trunkline.config.grpc.v1.Rule;
import io.trunkline.config.grpc.v1.RuleMatch;
import io.trunkline.config.grpc.v1.RuleSchedule;
import io.trunkline.config.grpc.v1.RuleWindow;
import io.trunkline.config.grpc.v1.Trunk;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Converts between protobuf messages and the JSON the services read, so that gRPC requests go
 * through exactly the same reading and validation as REST bodies (field names are the proto fields'
 * JSON names, i.e. the REST names).
 */
@ApplicationScoped
public class GrpcMapping {

  private final ObjectMapper mapper;

  public GrpcMapping(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Only the fields the client set (nested messages recursively); an empty repeated field and a
   * non-optional scalar left at its default count as not set.
   */
  public ObjectNode toJson(Message message) {
    ObjectNode node = mapper.createObjectNode();
    for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
      FieldDescriptor f = e.getKey();
      Object v = e.getValue();
      if (f.isRepeated()) {
        ArrayNode array = node.putArray(f.getJsonName());
        for (Object item : (List<?>) v) {
          array.add(value(item));
        }
      } else {
        node.set(f.getJsonName(), value(v));
      }
    }
    return node;
  }

  private JsonNode value(Object v) {
    return v instanceof Message m ? toJson(m) : mapper.valueToTree(v);
  }

  public static Rule toProto(RuleView view) {
    RuleDraft r = view.rule();
    RuleMatch.Builder match = RuleMatch.newBuilder();
    if (r.match() != null) {
      match.addAllPrefixes(r.match().prefixes()).addAllLengths(r.match().lengths());
      if (r.match().callers() != null) {
        match.setCallers(r.match().callers());
      }
    }
    Rule.Builder b =
        Rule.newBuilder()
            .setId(view.id().toString())
            .setName(r.name())
            .setEnabled(r.enabled())
            .setPriority(r.priority())
            .setMatch(match)
            .setStrategy(r.strategy().name())
            .setVersion(view.version())
            .setCreatedAt(view.createdAt().toString())
            .setUpdatedAt(view.updatedAt().toString());
    for (RuleView.Route route : r.routes()) {
      Route.Builder rb =
          Route.newBuilder()
              .setTrunkId(route.trunkId().toString())
              .setStripDigits(route.stripDigits())
              .setPrepend(route.prepend())
              .setWeight(route.weight());
      if (route.callerId() != null) {
        rb.setCallerId(route.callerId());
      }
      b.addRoutes(rb);
    }
    if (r.schedule() != null) {
      b.setSchedule(toProto(r.schedule()));
    }
    return b.build();
  }

  public static InboundRule toProto(InboundRuleView view) {
    InboundRuleDraft r = view.rule();
    InboundRuleMatch.Builder match =
        InboundRuleMatch.newBuilder()
            .addAllTrunkIds(r.match().trunkIds().stream().map(UUID::toString).toList());
    whenSet(r.match().dids(), match::setDids);
    whenSet(r.match().callers(), match::setCallers);
    InboundRule.Builder b =
        InboundRule.newBuilder()
            .setId(view.id().toString())
            .setName(r.name())
            .setEnabled(r.enabled())
            .setPriority(r.priority())
            .setMatch(match)
            .addAllDestinations(r.destinations().stream().map(GrpcMapping::toProto).toList())
            .setVersion(view.version())
            .setCreatedAt(view.createdAt().toString())
            .setUpdatedAt(view.updatedAt().toString());
    if (r.schedule() != null) {
      b.setSchedule(toProto(r.schedule()));
    }
    if (r.afterHours() != null) {
      b.setAfterHours(toProto(r.afterHours()));
    }
    return b.build();
  }

  private static Destination toProto(InboundRuleView.Destination d) {
    return Destination.newBuilder()
        .setHost(d.host())
        .setPort(d.port())
        .setTransport(d.transport().name())
        .setStripDigits(d.stripDigits())
        .setPrepend(d.prepend())
        .build();
  }

  private static RuleSchedule toProto(RuleView.Schedule schedule) {
    RuleSchedule.Builder s =
        RuleSchedule.newBuilder()
            .setTimeZone(schedule.timeZone())
            .addAllHolidays(schedule.holidays());
    for (RuleView.Window w : schedule.windows()) {
      s.addWindows(
          RuleWindow.newBuilder().addAllDays(w.days()).setStart(w.start()).setEnd(w.end()));
    }
    return s.build();
  }

  public static Trunk toProto(TrunkView view) {
    TrunkSettings t = view.settings();
    Trunk.Builder b =
        Trunk.newBuilder()
            .setId(view.id().toString())
            .setName(t.name())
            .setProvider(t.provider())
            .setEnabled(t.enabled())
            .setHost(t.host())
            .setPort(t.port())
            .setTransport(t.transport().name())
            .setAuthMode(t.authMode().name())
            .setPasswordSet(view.passwordSet())
            .setRegisterExpires(t.registerExpires())
            .setFromDomain(t.fromDomain())
            .setMaxConcurrentCalls(t.maxConcurrentCalls())
            .setMaxCallsPerSecond(t.maxCallsPerSecond())
            .setOptionsPing(t.optionsPing())
            .setOptionsIntervalSeconds(t.optionsIntervalSeconds())
            .setNumberFormat(t.numberFormat().name())
            .addAllFailoverCodes(t.failoverCodes())
            .addAllAssociatedIps(t.associatedIps())
            .setMedia(t.media().name())
            .setMediaEncryption(t.mediaEncryption().name())
            .setTlsVerify(t.tlsVerify())
            .setVersion(view.version())
            .setCreatedAt(view.createdAt().toString())
            .setUpdatedAt(view.updatedAt().toString());
    whenSet(t.outboundProxy(), b::setOutboundProxy);
    whenSet(t.username(), b::setUsername);
    whenSet(t.authUsername(), b::setAuthUsername);
    whenSet(t.realm(), b::setRealm);
    whenSet(t.countryCode(), b::setCountryCode);
    whenSet(t.techPrefix(), b::setTechPrefix);
    whenSet(t.callerId(), b::setCallerId);
    whenSet(t.didNumbers(), b::setDidNumbers);
    return b.build();
  }

  public static Provider toProto(ProviderTemplate p) {
    Provider.Builder b =
        Provider.newBuilder()
            .setId(p.id())
            .setName(p.name())
            .setTransport(p.transport().name())
            .setAuthMode(p.authMode().name())
            .setNumberFormat(p.numberFormat().name())
            .setTechPrefixRequired(p.techPrefixRequired())
            .setNotes(p.notes());
    whenSet(p.hostPattern(), b::setHostPattern);
    whenSet(p.defaultHost(), b::setDefaultHost);
    whenSet(p.port(), b::setPort);
    if (p.mediaEncryption() != null) {
      b.setMediaEncryption(p.mediaEncryption().name());
    }
    return b.build();
  }

  /** Proto3 setters refuse null: a field the view leaves empty stays unset on the wire. */
  private static <T> void whenSet(T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }
}
