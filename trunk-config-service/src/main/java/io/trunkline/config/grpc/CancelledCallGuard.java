package io.trunkline.config.grpc;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Drops the answer to a call the client has already cancelled (a deadline that expired, a client
 * that went away). A write changes started in the database are finished anyway (the outcome is
 * visible through a read); only the answer nobody waits for is dropped. Without this, the HTTP/2
 * server shared with REST writes the late answer onto the reset stream, which it treats as a
 * protocol error: it closes the whole connection with GOAWAY, and every other call in flight on it
 * fails with INTERNAL, its outcome unknown to its client.
 */
@GlobalInterceptor
@ApplicationScoped
public class CancelledCallGuard implements ServerInterceptor {

  private static final Logger LOG = Logger.getLogger(CancelledCallGuard.class);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    return next.startCall(
        new SimpleForwardingServerCall<>(call) {
          @Override
          public void sendHeaders(Metadata h) {
            if (!isCancelled()) {
              super.sendHeaders(h);
            }
          }

          @Override
          public void sendMessage(R message) {
            if (!isCancelled()) {
              super.sendMessage(message);
            }
          }

          @Override
          public void close(Status status, Metadata trailers) {
            if (isCancelled()) {
              LOG.debugf(
                  "answer to cancelled call %s dropped", getMethodDescriptor().getFullMethodName());
              return;
            }
            super.close(status, trailers);
          }
        },
        headers);
  }
}
