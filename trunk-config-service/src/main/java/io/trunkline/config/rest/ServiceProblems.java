package io.trunkline.config.rest;

import io.trunkline.config.domain.error.ConflictException;
import io.trunkline.config.domain.error.InvalidRequestException;
import io.trunkline.config.domain.error.NotFoundException;
import io.trunkline.config.domain.error.PreconditionFailedException;
import io.trunkline.config.domain.error.ServiceUnavailableException;
import io.trunkline.platform.problem.Problem;
import io.trunkline.platform.problem.rest.DomainProblems;
import io.trunkline.platform.problem.rest.ProblemResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * The answers to this service's own exceptions, in the shared problem shape (the platform's mappers
 * also find them inside whatever wraps them). Messages never carry request values.
 */
@ApplicationScoped
public class ServiceProblems implements DomainProblems {

  /** How long a client should wait before retrying while the database is unavailable. */
  private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  @Override
  public Response toResponse(Throwable failure, String path) {
    if (failure instanceof InvalidRequestException e) {
      return ProblemResponses.of(Problem.invalid(e.errors(), path));
    }
    if (failure instanceof NotFoundException) {
      return ProblemResponses.of(Problem.notFound(failure.getMessage(), path));
    }
    if (failure instanceof ConflictException) {
      return ProblemResponses.of(Problem.conflict(failure.getMessage(), path));
    }
    if (failure instanceof PreconditionFailedException) {
      return ProblemResponses.of(Problem.staleVersion(failure.getMessage(), path));
    }
    if (failure instanceof ServiceUnavailableException) {
      return ProblemResponses.unavailable(failure.getMessage(), path, RETRY_AFTER);
    }
    return null;
  }
}
