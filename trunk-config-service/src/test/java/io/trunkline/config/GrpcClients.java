package io.trunkline.config;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.restassured.RestAssured;
import io.trunkline.config.grpc.v1.TrunkConfigGrpc;
import java.util.concurrent.TimeUnit;

/** A real grpc-java client of the service's gRPC API, on the HTTP port. */
public final class GrpcClients {

  private GrpcClients() {}

  public static ManagedChannel channel() {
    return ManagedChannelBuilder.forAddress("localhost", RestAssured.port).usePlaintext().build();
  }

  /** A blocking stub sending the test API key, each call with its own deadline. */
  public static TrunkConfigGrpc.TrunkConfigBlockingStub stub(
      ManagedChannel channel, long deadlineMillis) {
    return stub(channel, TestSupport.KEY, deadlineMillis);
  }

  /** A blocking stub sending {@code key} as its API key, or none when it is null. */
  public static TrunkConfigGrpc.TrunkConfigBlockingStub stub(
      ManagedChannel channel, String key, long deadlineMillis) {
    Metadata headers = new Metadata();
    if (key != null) {
      headers.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + key);
    }
    return TrunkConfigGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
  }
}
