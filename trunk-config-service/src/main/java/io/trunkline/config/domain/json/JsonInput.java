package io.trunkline.config.domain.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trunkline.config.domain.validation.FieldErrors;
import io.trunkline.platform.problem.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Typed, error-collecting access to one JSON object of a request. Every wrong type or unknown field
 * becomes a {@link FieldError} named by its path ({@code routes[1].trunkId}); reading goes on so
 * that one answer lists every bad field.
 */
public final class JsonInput {

  /** Server-assigned fields a client may echo back (PUT of a GET); they are ignored. */
  public static final Set<String> READ_ONLY =
      Set.of("id", "version", "createdAt", "updatedAt", "passwordSet", "schema", "at");

  private final ObjectNode node;
  private final String prefix;
  private final FieldErrors errors;

  public JsonInput(ObjectNode node, String prefix, FieldErrors errors, Set<String> allowed) {
    this.node = node;
    this.prefix = prefix;
    this.errors = errors;
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f) && !(prefix.isEmpty() && READ_ONLY.contains(f))) {
        errors.add(path(f), "unknown field");
      }
    }
  }

  public FieldErrors errors() {
    return errors;
  }

  public String path(String field) {
    return prefix.isEmpty() ? field : prefix + "." + field;
  }

  public boolean present(String f) {
    return node.has(f) && !node.get(f).isNull();
  }

  private JsonNode get(String f) {
    JsonNode v = node.get(f);
    return v == null || v.isNull() ? null : v;
  }

  public String string(String f) {
    JsonNode v = get(f);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      errors.add(path(f), "must be a string");
      return null;
    }
    return v.textValue();
  }

  public Integer integer(String f) {
    JsonNode v = get(f);
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      errors.add(path(f), "must be an integer");
      return null;
    }
    return v.intValue();
  }

  public Boolean bool(String f) {
    JsonNode v = get(f);
    if (v == null) {
      return null;
    }
    if (!v.isBoolean()) {
      errors.add(path(f), "must be true or false");
      return null;
    }
    return v.booleanValue();
  }

  public <E extends Enum<E>> E enumValue(String f, Class<E> type) {
    String s = string(f);
    if (s == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(
          path(f),
          "must be one of "
              + Arrays.stream(type.getEnumConstants())
                  .map(Enum::name)
                  .collect(Collectors.joining(", ")));
      return null;
    }
  }

  private List<JsonNode> array(String f) {
    JsonNode v = get(f);
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      errors.add(path(f), "must be an array");
      return null;
    }
    List<JsonNode> items = new ArrayList<>();
    v.forEach(items::add);
    return items;
  }

  public List<String> strings(String f) {
    List<JsonNode> items = array(f);
    if (items == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (!items.get(i).isTextual()) {
        errors.add(path(f) + "[" + i + "]", "must be a string");
      } else {
        out.add(items.get(i).textValue());
      }
    }
    return out;
  }

  public List<Integer> integers(String f) {
    List<JsonNode> items = array(f);
    if (items == null) {
      return null;
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (!item.isIntegralNumber() || !item.canConvertToInt()) {
        errors.add(path(f) + "[" + i + "]", "must be an integer");
      } else {
        out.add(item.intValue());
      }
    }
    return out;
  }

  /** A nested object, or null when absent or of the wrong type. */
  public JsonInput object(String f, Set<String> allowed) {
    JsonNode v = get(f);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      errors.add(path(f), "must be an object");
      return null;
    }
    return new JsonInput((ObjectNode) v, path(f), errors, allowed);
  }

  /** An array of objects; wrong items are reported and left out (size stays the same). */
  public List<JsonInput> objects(String f, Set<String> allowed) {
    List<JsonNode> items = array(f);
    if (items == null) {
      return null;
    }
    List<JsonInput> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String p = path(f) + "[" + i + "]";
      if (!items.get(i).isObject()) {
        errors.add(p, "must be an object");
        out.add(null);
      } else {
        out.add(new JsonInput((ObjectNode) items.get(i), p, errors, allowed));
      }
    }
    return out;
  }
}
