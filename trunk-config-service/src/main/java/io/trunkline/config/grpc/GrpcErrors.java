package io.trunkline.config.grpc;

import io.grpc.Status;
import io.trunkline.config.domain.error.ConcurrentChangeException;
import io.trunkline.config.domain.error.ConflictException;
import io.trunkline.config.domain.error.Failures;
import io.trunkline.config.domain.error.InvalidRequestException;
import io.trunkline.config.domain.error.NotFoundException;
import io.trunkline.config.domain.error.PreconditionFailedException;
import io.trunkline.config.domain.error.ServiceUnavailableException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** The gRPC status of each service error (the REST mappers' counterpart). */
final class GrpcErrors {

  private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

  private GrpcErrors() {}

  static Throwable toStatus(Throwable failure) {
    Throwable t = Failures.unwrap(failure);
    if (t instanceof InvalidRequestException e) {
      return Status.INVALID_ARGUMENT
          .withDescription(
              e.errors().stream()
                  .map(f -> f.field() + ": " + f.message())
                  .collect(Collectors.joining("; ")))
          .asRuntimeException();
    }
    if (t instanceof NotFoundException) {
      return Status.NOT_FOUND.withDescription(t.getMessage()).asRuntimeException();
    }
    if (t instanceof ConcurrentChangeException) {
      // A lost race: the client should re-read and retry (gRPC's read-modify-write code).
      return Status.ABORTED.withDescription(t.getMessage()).asRuntimeException();
    }
    if (t instanceof ConflictException) {
      return Status.ALREADY_EXISTS.withDescription(t.getMessage()).asRuntimeException();
    }
    if (t instanceof PreconditionFailedException) {
      return Status.FAILED_PRECONDITION.withDescription(t.getMessage()).asRuntimeException();
    }
    if (t instanceof ServiceUnavailableException) {
      return Status.UNAVAILABLE.withDescription(t.getMessage()).asRuntimeException();
    }
    LOG.error("unexpected gRPC failure", failure);
    return Status.INTERNAL.withDescription("unexpected error").asRuntimeException();
  }
}
