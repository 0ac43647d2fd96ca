package io.trunkline.platform.auth.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import io.trunkline.platform.auth.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every gRPC call needs {@code authorization: Bearer <key>} metadata, like REST; without it the
 * call is closed with UNAUTHENTICATED before the service sees it. A bean in the services that serve
 * gRPC (registration-service has no gRPC and excludes it).
 */
@GlobalInterceptor
@ApplicationScoped
public class ApiKeyInterceptor implements ServerInterceptor {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final ApiKeys keys;

  public ApiKeyInterceptor(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (keys.accepts(headers.get(AUTHORIZATION))) {
      return next.startCall(call, headers);
    }
    call.close(
        Status.UNAUTHENTICATED.withDescription(
            "a valid API key is required: authorization: Bearer <key>"),
        new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
