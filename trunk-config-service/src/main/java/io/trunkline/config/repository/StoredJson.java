package io.trunkline.config.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/** The nested parts of a rule are stored as JSON text; this writes and reads them. */
final class StoredJson {

  private StoredJson() {}

  /** The comma-separated trunk ids the trunk delete looks for. */
  static String idList(Collection<UUID> ids) {
    return ids.stream().distinct().map(UUID::toString).collect(Collectors.joining(","));
  }

  static String write(ObjectMapper mapper, Object part) {
    try {
      return mapper.writeValueAsString(part);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot serialise rule", ex);
    }
  }

  /** The part, or null when the column is null. */
  static <T> T read(ObjectMapper mapper, RuleRow row, String json, Class<T> type) {
    if (json == null) {
      return null;
    }
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("stored rule " + row.id + " is unreadable", ex);
    }
  }
}
