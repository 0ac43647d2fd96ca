/**
 * The one shape of every error answer: {@link io.trunkline.platform.problem.Problem} (RFC 7807)
 * with {@link io.trunkline.platform.problem.FieldError}s for a 400.
 *
 * <p>{@code problem.rest} is the Quarkus REST glue, discovered in every service through this jar's
 * Jandex index: {@link io.trunkline.platform.problem.rest.ProblemMappers} answers framework errors,
 * and a service maps its own exceptions by providing a {@link
 * io.trunkline.platform.problem.rest.DomainProblems} bean (trunk-config) or by returning {@link
 * io.trunkline.platform.problem.rest.ProblemResponses} from a resource (registration,
 * call-routing).
 */
package io.trunkline.platform.problem;
