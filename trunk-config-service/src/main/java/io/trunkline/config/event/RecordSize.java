package io.trunkline.config.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trunkline.config.domain.error.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/**
 * Refuses a change whose Kafka record would be larger than the broker accepts. Stored anyway, it
 * could never be published: consumers would never learn it, and the relay would either stall on it
 * or have to park it. The 400 names the field that makes the record large (for nested objects the
 * path, e.g. {@code match.prefixes}), never its value.
 */
final class RecordSize {

  private static final String[] SERVER_FIELDS = {"schema", "version", "at", "id"};

  private final ObjectMapper mapper;
  private final int maxBytes;

  RecordSize(ObjectMapper mapper, int maxBytes) {
    this.mapper = mapper;
    this.maxBytes = maxBytes;
  }

  void check(String topic, UUID key, int payloadBytes, ObjectNode value) {
    int bytes = payloadBytes + key.toString().length();
    if (bytes <= maxBytes) {
      return;
    }
    throw new InvalidRequestException(
        largestField(value, ""),
        "is too large: the change would be a "
            + bytes
            + " byte record on "
            + topic
            + ", over the "
            + maxBytes
            + " bytes Kafka accepts");
  }

  /** The path of the field that takes the most bytes, descending into objects. */
  private String largestField(JsonNode node, String path) {
    String best = null;
    int bestSize = -1;
    JsonNode bestNode = null;
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (path.isEmpty() && isServerField(f.getKey())) {
        continue;
      }
      int size = size(f.getValue());
      if (size > bestSize) {
        best = f.getKey();
        bestSize = size;
        bestNode = f.getValue();
      }
    }
    if (best == null) {
      return path.isEmpty() ? "body" : path;
    }
    if (path.isEmpty() && best.equals("passwordEncrypted")) {
      return "password"; // the record carries it encrypted; the client wrote "password"
    }
    String here = path.isEmpty() ? best : path + "." + best;
    return bestNode.isObject() ? largestField(bestNode, here) : here;
  }

  private static boolean isServerField(String name) {
    for (String s : SERVER_FIELDS) {
      if (s.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private int size(JsonNode node) {
    try {
      return mapper.writeValueAsString(node).getBytes(StandardCharsets.UTF_8).length;
    } catch (JsonProcessingException e) {
      return 0;
    }
  }
}
