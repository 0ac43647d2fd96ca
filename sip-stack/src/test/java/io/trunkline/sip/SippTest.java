package io.trunkline.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.File;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Interop with SIPp's built-in scenarios over UDP; skipped when sipp is not installed. */
class SippTest {
  Vertx vertx;

  @BeforeEach
  void requireSipp() {
    Assumptions.assumeTrue(
        sippPath() != null,
        "sipp not installed (apt-get install sip-tester): interop test skipped");
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  static String sippPath() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File f = new File(dir, "sipp");
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    return null;
  }

  static int freeUdpPort() throws Exception {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }

  static int runSipp(String... args) throws Exception {
    File log = File.createTempFile("sipp", ".log");
    String[] cmd = new String[args.length + 1];
    cmd[0] = sippPath();
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p =
        new ProcessBuilder(cmd)
            .directory(log.getParentFile())
            .redirectErrorStream(true)
            .redirectOutput(log)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("sipp did not finish");
    }
    if (p.exitValue() != 0) {
      String out = Files.readString(log.toPath());
      System.out.println(out.length() > 4000 ? out.substring(out.length() - 4000) : out);
    }
    log.delete();
    return p.exitValue();
  }

  @Test
  void sippUacCallsOurUas() throws Exception {
    LoopbackCallTest.Uas uas = new LoopbackCallTest.Uas();
    SipStack stack =
        SipStack.start(vertx, SipStackOptions.of("127.0.0.1", 0), uas)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    uas.contact = "<sip:uas@127.0.0.1:" + stack.port() + ">";
    int rc =
        runSipp(
            "127.0.0.1:" + stack.port(),
            "-sn",
            "uac",
            "-i",
            "127.0.0.1",
            "-p",
            String.valueOf(freeUdpPort()),
            "-m",
            "20",
            "-r",
            "20",
            "-d",
            "100",
            "-timeout",
            "30s",
            "-nostdin");
    assertThat(rc).isZero();
    assertThat(uas.acks.get()).isEqualTo(20);
  }

  @Test
  void ourUacCallsSippUas() throws Exception {
    SipStack stack =
        SipStack.start(vertx, SipStackOptions.of("127.0.0.1", 0), LoopbackCallTest.NO_REQUESTS)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    int sippPort = freeUdpPort();
    int calls = 5;
    AtomicInteger rc = new AtomicInteger(-1);
    Thread sipp =
        new Thread(
            () -> {
              try {
                rc.set(
                    runSipp(
                        "-sn",
                        "uas",
                        "-i",
                        "127.0.0.1",
                        "-p",
                        String.valueOf(sippPort),
                        "-m",
                        String.valueOf(calls),
                        "-timeout",
                        "30s",
                        "-nostdin"));
              } catch (Exception e) {
                rc.set(-2);
              }
            });
    sipp.start();
    Thread.sleep(500); // let sipp bind
    CountDownLatch done = new CountDownLatch(calls);
    for (int i = 0; i < calls; i++) {
      placeCall(stack, sippPort, done);
    }
    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    sipp.join(40_000);
    assertThat(rc.get()).isZero();
  }

  private static void placeCall(SipStack stack, int sippPort, CountDownLatch done) {
    Endpoint target = new Endpoint(Transport.UDP, "127.0.0.1", sippPort);
    SipMessage invite =
        SipMessage.request("INVITE", "sip:service@127.0.0.1:" + sippPort)
            .addHeader("From", "<sip:trunkline@127.0.0.1>;tag=" + SipStack.newTag())
            .addHeader("To", "<sip:service@127.0.0.1:" + sippPort + ">")
            .addHeader("Call-ID", stack.newCallId())
            .addHeader("CSeq", "1 INVITE")
            .addHeader("Contact", "<sip:trunkline@127.0.0.1:" + stack.port() + ">");
    ResponseListener byeDone =
        new Fixture.Listener() {
          @Override
          public void onResponse(ClientTransaction tx, SipMessage response) {
            if (response.status() >= 200) {
              done.countDown();
            }
          }
        };
    stack.sendRequest(
        invite,
        target,
        new Fixture.Listener() {
          @Override
          public void onResponse(ClientTransaction tx, SipMessage response) {
            if (response.status() == 200 && tx.attachment() == null) {
              Dialog d = Dialog.asUac(tx.request(), response);
              tx.attach(d);
              stack.sendStateless(d.createAck(1), d.nextHop(Transport.UDP));
              stack.sendRequest(d.createRequest("BYE"), d.nextHop(Transport.UDP), byeDone);
            }
          }
        });
  }
}
