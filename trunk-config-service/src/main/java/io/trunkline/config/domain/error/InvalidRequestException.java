package io.trunkline.config.domain.error;

import io.trunkline.platform.problem.FieldError;
import java.util.List;

/** The request has bad fields (400 / INVALID_ARGUMENT). The message never contains values. */
public class InvalidRequestException extends RuntimeException {

  private final transient List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super(errors.size() + " invalid field(s)", null, false, false);
    this.errors = errors;
  }

  public InvalidRequestException(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
