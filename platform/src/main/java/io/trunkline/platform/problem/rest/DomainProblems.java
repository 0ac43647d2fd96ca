package io.trunkline.platform.problem.rest;

import jakarta.ws.rs.core.Response;

/**
 * A service's own exceptions as problem answers. A service with domain exceptions provides one
 * bean; {@link ProblemMappers} asks it for every exception it has no mapper of its own for, and for
 * each cause of it in turn, so that a domain exception wrapped by a framework still gets its
 * answer. Build the answers with {@link ProblemResponses}.
 */
public interface DomainProblems {

  /** The answer to {@code failure} for a request to {@code path}; null when it is not one. */
  Response toResponse(Throwable failure, String path);
}
