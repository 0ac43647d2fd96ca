package io.trunkline.config.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trunkline.config.domain.error.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Parses request bodies itself (the resources take the raw text), so that a body that is not JSON
 * or not an object becomes a clear 400 and type errors are reported per field by the services.
 */
@ApplicationScoped
public class Bodies {

  private final ObjectMapper mapper;

  public Bodies(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public ObjectNode object(String body) {
    if (body == null || body.isBlank()) {
      throw new InvalidRequestException("body", "is required: a JSON object");
    }
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      // The parser's location only: its message could echo a password from the body.
      throw new InvalidRequestException(
          "body",
          "is not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidRequestException("body", "must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** A boolean query parameter: absent, {@code true} or {@code false}; anything else is a 400. */
  public static Boolean flag(String name, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.valueOf(value);
    }
    throw new InvalidRequestException(name, "must be true or false");
  }
}
