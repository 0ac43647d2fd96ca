package io.trunkline.config.domain.validation;

import io.trunkline.config.domain.error.InvalidRequestException;
import io.trunkline.platform.problem.FieldError;
import java.util.ArrayList;
import java.util.List;

/** Collects every bad field of one request, so the client learns about all of them at once. */
public final class FieldErrors {

  private final List<FieldError> errors = new ArrayList<>();

  public void add(String field, String message) {
    if (errors.stream().noneMatch(e -> e.field().equals(field))) {
      errors.add(new FieldError(field, message));
    }
  }

  public boolean has(String field) {
    return errors.stream().anyMatch(e -> e.field().equals(field));
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public List<FieldError> list() {
    return List.copyOf(errors);
  }

  /** Throws {@link InvalidRequestException} when any field is bad. */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(list());
    }
  }
}
