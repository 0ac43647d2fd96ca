package io.trunkline.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Whole calls between two stacks (INVITE/100/180/200/ACK/BYE/200), using Dialog on both sides. One
 * UAC leg plus one UAS leg is the SIP work of one B2BUA call.
 */
class LoopbackCallTest {

  /** The UAS side: answers INVITE with 180 then 200 and BYE with 200. */
  static final class Uas implements SipHandler {
    final AtomicInteger acks = new AtomicInteger();
    final AtomicInteger ackTimeouts = new AtomicInteger();
    volatile String contact;

    @Override
    public void onRequest(ServerTransaction tx) {
      SipMessage req = tx.request();
      if (req.method().equals("INVITE")) {
        String tag = SipStack.newTag();
        SipMessage ringing = req.createResponse(180, "Ringing");
        ringing.setHeader("To", req.to().withTag(tag).toString());
        tx.respond(ringing);
        SipMessage ok = req.createResponse(200, "OK");
        ok.setHeader("To", req.to().withTag(tag).toString()).addHeader("Contact", contact);
        ok.setBody("application/sdp", "v=0\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        tx.respond(ok);
      } else {
        tx.respond(req.createResponse(200, "OK"));
      }
    }

    @Override
    public void onCancel(ServerTransaction invite) {}

    /** Its callers are the tests' own UACs on 127.0.0.1, sending far above a stranger's rate. */
    @Override
    public boolean isTrustedSource(String ip) {
      return true;
    }

    @Override
    public void onAck(SipMessage ack, Endpoint source) {
      acks.incrementAndGet();
    }

    @Override
    public void onAckTimeout(ServerTransaction invite) {
      ackTimeouts.incrementAndGet();
    }
  }

  static final SipHandler NO_REQUESTS =
      new SipHandler() {
        @Override
        public void onRequest(ServerTransaction tx) {
          tx.respond(tx.request().createResponse(405, "Method Not Allowed"));
        }

        @Override
        public void onCancel(ServerTransaction invite) {}

        @Override
        public void onAck(SipMessage ack, Endpoint source) {}

        @Override
        public void onAckTimeout(ServerTransaction invite) {}
      };

  /** Runs calls from uac to uas; returns when every BYE got its 200. */
  static void runCalls(SipStack uac, SipStack uasStack, Transport transport, int calls, int window)
      throws Exception {
    CountDownLatch done = new CountDownLatch(calls);
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(window);
    Endpoint target = new Endpoint(transport, "127.0.0.1", uasStack.port());
    for (int i = 0; i < calls; i++) {
      if (!inFlight.tryAcquire(30, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new AssertionError("calls stalled: no call finished within 30 s");
      }
      SipMessage invite =
          SipMessage.request("INVITE", "sip:bob@127.0.0.1:" + uasStack.port())
              .addHeader("From", "<sip:alice@127.0.0.1>;tag=" + SipStack.newTag())
              .addHeader("To", "<sip:bob@127.0.0.1>")
              .addHeader("Call-ID", uac.newCallId())
              .addHeader("CSeq", "1 INVITE")
              .addHeader("Contact", "<sip:alice@127.0.0.1:" + uac.port() + ">");
      ResponseListener byeListener =
          new ResponseListener() {
            @Override
            public void onResponse(ClientTransaction tx, SipMessage response) {
              if (response.status() >= 200) {
                done.countDown();
                inFlight.release();
              }
            }

            @Override
            public void onTimeout(ClientTransaction tx) {}

            @Override
            public void onTransportError(ClientTransaction tx, Throwable cause) {}
          };
      uac.sendRequest(
          invite,
          target,
          new ResponseListener() {
            @Override
            public void onResponse(ClientTransaction tx, SipMessage response) {
              if (response.status() == 200 && tx.attachment() == null) {
                Dialog d = Dialog.asUac(tx.request(), response);
                tx.attach(d);
                uac.sendStateless(d.createAck(tx.request().cseq()), d.nextHop(transport));
                uac.sendRequest(d.createRequest("BYE"), d.nextHop(transport), byeListener);
              }
            }

            @Override
            public void onTimeout(ClientTransaction tx) {}

            @Override
            public void onTransportError(ClientTransaction tx, Throwable cause) {}
          });
    }
    assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
  }

  void callsComplete(Transport transport) throws Exception {
    Vertx vertx = Vertx.vertx();
    Uas uas = new Uas();
    SipStackOptions opts = SipStackOptions.of("127.0.0.1", 0).withTimers(Fixture.FAST);
    SipStack b = SipStack.start(vertx, opts, uas).toCompletionStage().toCompletableFuture().get();
    uas.contact = "<sip:bob@127.0.0.1:" + b.port() + ";transport=" + transport + ">";
    SipStack a =
        SipStack.start(vertx, opts, NO_REQUESTS).toCompletionStage().toCompletableFuture().get();
    try {
      runCalls(a, b, transport, 200, 50);
      await().atMost(Duration.ofSeconds(10)).until(() -> uas.acks.get() == 200);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> a.liveTransactions() == 0 && b.liveTransactions() == 0);
      assertThat(uas.ackTimeouts.get()).isZero();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void callsOverUdp() throws Exception {
    callsComplete(Transport.UDP);
  }

  @Test
  void callsOverTcp() throws Exception {
    callsComplete(Transport.TCP);
  }

  /**
   * CPU per call for both legs in one process: run with -Dsip.bench=true. Prints process CPU time
   * divided by the number of calls (includes the JIT and GC threads).
   */
  @Test
  void cpuPerCall() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("sip.bench"), "benchmark: -Dsip.bench=true");
    Vertx vertx = Vertx.vertx();
    Uas uas = new Uas();
    SipStackOptions opts = SipStackOptions.of("127.0.0.1", 0);
    SipStack b = SipStack.start(vertx, opts, uas).toCompletionStage().toCompletableFuture().get();
    uas.contact = "<sip:bob@127.0.0.1:" + b.port() + ">";
    SipStack a =
        SipStack.start(vertx, opts, NO_REQUESTS).toCompletionStage().toCompletableFuture().get();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try {
      int calls = Integer.getInteger("sip.bench.calls", 20000);
      runCalls(a, b, Transport.UDP, calls, 200); // warm-up
      for (int round = 0; round < 3; round++) {
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        runCalls(a, b, Transport.UDP, calls, 200);
        long cpu = os.getProcessCpuTime() - cpu0;
        long wall = System.nanoTime() - t0;
        System.out.printf(
            "calls=%d wall=%.0f ms rate=%.0f calls/s cpu/call=%.3f ms%n",
            calls, wall / 1e6, calls / (wall / 1e9), cpu / 1e6 / calls);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
