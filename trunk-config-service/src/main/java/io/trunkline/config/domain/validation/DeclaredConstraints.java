package io.trunkline.config.domain.validation;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plain range and pattern constraints declared as Bean Validation annotations on an input
 * object, as messages by field path ({@code port}, {@code failoverCodes[2]}). The checks that need
 * more than one field stay in code; both end in the same {@link FieldErrors}, so a request still
 * gets one 400 naming every bad field.
 */
public final class DeclaredConstraints {

  private final Map<String, String> messages = new TreeMap<>();

  private DeclaredConstraints() {}

  /** Validates {@code input} against its annotations. */
  public static DeclaredConstraints check(Validator validator, Object input) {
    DeclaredConstraints found = new DeclaredConstraints();
    for (ConstraintViolation<Object> v : validator.validate(input)) {
      found.messages.putIfAbsent(field(v.getPropertyPath()), v.getMessage());
    }
    return found;
  }

  /**
   * Adds the violation of {@code field}, if any, to {@code errors}; returns whether there was one.
   */
  public boolean report(String field, FieldErrors errors) {
    String message = messages.get(field);
    if (message != null) {
      errors.add(field, message);
    }
    return message != null;
  }

  /**
   * Adds the violation of {@code field} of a nested object, if any, to {@code errors} under the
   * request's {@code path} for it ({@code routes[0].weight}); returns whether there was one.
   */
  public boolean reportAs(String field, String path, FieldErrors errors) {
    String message = messages.get(field);
    if (message != null) {
      errors.add(path, message);
    }
    return message != null;
  }

  /** A path as the API names fields: {@code failoverCodes[2]}, {@code routes[0].weight}. */
  private static String field(Path path) {
    StringBuilder sb = new StringBuilder();
    for (Path.Node node : path) {
      if (node.getIndex() != null) {
        sb.append('[').append(node.getIndex()).append(']');
      }
      if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
        sb.append(sb.isEmpty() ? "" : ".").append(node.getName());
      }
    }
    return sb.toString();
  }
}
