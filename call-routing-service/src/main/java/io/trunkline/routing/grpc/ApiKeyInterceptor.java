package io.trunkline.routing.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import io.trunkline.routing.config.RoutingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** gRPC calls need {@code authorization: Bearer <key>}; UNAUTHENTICATED otherwise. */
@GlobalInterceptor
@ApplicationScoped
public class ApiKeyInterceptor implements ServerInterceptor {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final Set<String> keys;

  public ApiKeyInterceptor(RoutingConfig config) {
    this.keys = Set.copyOf(config.api().keys());
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String h = headers.get(AUTHORIZATION);
    if (h != null
        && h.regionMatches(true, 0, "Bearer ", 0, 7)
        && keys.contains(h.substring(7).trim())) {
      return next.startCall(call, headers);
    }
    call.close(
        Status.UNAUTHENTICATED.withDescription("a valid API key is required"), new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
