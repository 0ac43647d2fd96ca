package io.trunkline.config.domain.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** RFC 7396 JSON merge patch: objects merge recursively, null removes, the rest replaces. */
public final class JsonMerge {
  private JsonMerge() {}

  /**
   * What a PATCH makes of a resource: its current view as JSON with the patch merged in, checked
   * afterwards exactly like a PUT body.
   */
  public static ObjectNode patched(ObjectMapper mapper, Object currentView, ObjectNode patch) {
    ObjectNode merged = mapper.valueToTree(currentView);
    apply(merged, patch);
    return merged;
  }

  public static void apply(ObjectNode target, ObjectNode patch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode value = e.getValue();
      if (value.isNull()) {
        target.remove(e.getKey());
      } else if (value.isObject() && target.get(e.getKey()) instanceof ObjectNode nested) {
        apply(nested, (ObjectNode) value);
      } else {
        target.set(e.getKey(), value);
      }
    }
  }
}
