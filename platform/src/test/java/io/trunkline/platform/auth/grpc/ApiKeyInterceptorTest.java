package io.trunkline.platform.auth.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.trunkline.platform.auth.ApiKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The interceptor lets a call through only with a key, and closes it UNAUTHENTICATED otherwise. */
class ApiKeyInterceptorTest {

  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  final ApiKeyInterceptor interceptor = new ApiKeyInterceptor(new ApiKeys(List.of("k1")));

  /** Records what the interceptor does to the call. */
  static final class RecordingCall extends ServerCall<String, String> {
    Status closedWith;

    @Override
    public void request(int numMessages) {}

    @Override
    public void sendHeaders(Metadata headers) {}

    @Override
    public void sendMessage(String message) {}

    @Override
    public void close(Status status, Metadata trailers) {
      closedWith = status;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public MethodDescriptor<String, String> getMethodDescriptor() {
      return null;
    }
  }

  boolean started;
  final ServerCallHandler<String, String> next =
      (call, headers) -> {
        started = true;
        return new ServerCall.Listener<>() {};
      };

  @Test
  void aCallWithAKeyReachesTheService() {
    RecordingCall call = new RecordingCall();
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer k1");
    interceptor.interceptCall(call, headers, next);
    assertThat(started).isTrue();
    assertThat(call.closedWith).isNull();
  }

  @Test
  void aCallWithoutOrWithAWrongKeyIsClosedUnauthenticated() {
    for (String value : new String[] {null, "Bearer k2", "k1"}) {
      started = false;
      RecordingCall call = new RecordingCall();
      Metadata headers = new Metadata();
      if (value != null) {
        headers.put(AUTHORIZATION, value);
      }
      interceptor.interceptCall(call, headers, next);
      assertThat(started).as(String.valueOf(value)).isFalse();
      assertThat(call.closedWith.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }
  }
}
