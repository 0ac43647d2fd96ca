/**
 * API-key access, the same in every service.
 *
 * <p>{@link io.trunkline.platform.auth.ApiKeys} is the plain check (constant time over fixed-length
 * hashes). The Quarkus glue is discovered through this jar's Jandex index: {@code
 * auth.config.ApiKeyConfig} maps {@code trunkline.api.keys} and {@code auth.config.ApiKeyBeans}
 * makes the {@code ApiKeys} bean; {@code auth.rest.ApiKeyFilter} refuses every REST request but
 * {@code /q/*} without a key (401 problem+json); {@code auth.grpc.ApiKeyInterceptor} closes every
 * gRPC call without one (UNAUTHENTICATED). A service adds nothing but the dependency and its keys.
 */
package io.trunkline.platform.auth;
