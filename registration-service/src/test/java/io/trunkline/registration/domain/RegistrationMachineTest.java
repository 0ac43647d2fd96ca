package io.trunkline.registration.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.platform.sip.DigestChallenge;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registration state machine alone, against a fake registrar link and a hand-driven clock: what
 * it sends for each answer, which status it reports, and when it tries again. No SIP, no threads.
 */
class RegistrationMachineTest {

  static final Duration BACKOFF_MIN = Duration.ofSeconds(5);
  static final Duration BAD_CREDENTIALS = Duration.ofMinutes(5);

  final FakeScheduler clock = new FakeScheduler();
  final FakeLink link = new FakeLink();
  final List<Report> reports = new ArrayList<>();
  RegistrationMachine machine;

  @BeforeEach
  void start() {
    RegistrationContext ctx =
        new RegistrationContext(
            new ProviderLinks() {
              @Override
              public RegistrarLink registrar(RegistrarLink.Listener listener) {
                link.listener = listener;
                return link;
              }

              @Override
              public ProbeLink probe(ProbeLink.Listener listener) {
                throw new UnsupportedOperationException();
              }
            },
            clock,
            new Backoff(BACKOFF_MIN, Duration.ofMinutes(10), BAD_CREDENTIALS),
            new RecordingSink());
    machine = new RegistrationMachine(ctx, trunk(600), "s3cret");
    machine.start(Duration.ZERO);
    clock.runDue();
  }

  @Test
  void answersAChallengeWithDigestThenRefreshesWithinTheGrantedExpiry() {
    assertThat(link.sent).hasSize(1);
    assertThat(link.sent.get(0).credentials()).isNull();
    assertThat(lastReport().state()).isEqualTo(RegistrationState.REGISTERING);

    link.answer(401, null, -1, Duration.ZERO, challenge("n1", false));
    assertThat(link.sent).hasSize(2);
    Sent second = link.sent.get(1);
    assertThat(second.cseq()).isEqualTo(2);
    assertThat(second.credentials()).isNotNull();
    assertThat(second.credentials().challenge().nonce()).isEqualTo("n1");
    assertThat(second.credentials().user()).isEqualTo("auth-1001");
    assertThat(second.credentials().password()).isEqualTo("s3cret");
    assertThat(second.credentials().nonceCount()).isEqualTo(1);

    // The registrar grants less than asked: the refresh follows the granted expiry.
    link.answer(200, 100, -1, Duration.ZERO);
    assertThat(machine.state()).isEqualTo(RegistrationState.REGISTERED);
    assertThat(lastReport().expiresAt())
        .isBetween(Instant.now().plusSeconds(90), Instant.now().plusSeconds(101));
    Duration refresh = clock.nextDelay();
    assertThat(refresh).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(85));

    clock.runDue();
    assertThat(link.sent).hasSize(3);
    assertThat(link.sent.get(2).expires()).isEqualTo(600);
    assertThat(link.sent.get(2).credentials().nonceCount()).isEqualTo(2);
  }

  @Test
  void forbiddenFailsAsBadCredentialsAndRetriesOnlyAfterTheSlowInterval() {
    link.answer(403, null, -1, Duration.ZERO);

    assertThat(machine.state()).isEqualTo(RegistrationState.FAILED);
    assertThat(lastReport().code()).isEqualTo(403);
    assertThat(lastReport().outcome()).isEqualTo("bad_credentials");
    assertThat(link.sent).hasSize(1);
    assertThat(clock.nextDelay())
        .isBetween(BAD_CREDENTIALS, Duration.ofMillis(BAD_CREDENTIALS.toMillis() * 6 / 5));
  }

  @Test
  void aSecondChallengeToAnAnsweredOneIsABadCredentialNotALoop() {
    link.answer(401, null, -1, Duration.ZERO, challenge("n1", false));
    link.answer(401, null, -1, Duration.ZERO, challenge("n2", false));

    assertThat(link.sent).hasSize(2);
    assertThat(machine.state()).isEqualTo(RegistrationState.FAILED);
    assertThat(lastReport().outcome()).isEqualTo("bad_credentials");
    assertThat(clock.nextDelay()).isGreaterThanOrEqualTo(BAD_CREDENTIALS);
  }

  @Test
  void aStaleNonceIsAnsweredAgain() {
    link.answer(401, null, -1, Duration.ZERO, challenge("n1", false));
    link.answer(401, null, -1, Duration.ZERO, challenge("n2", true));

    assertThat(link.sent).hasSize(3);
    assertThat(link.sent.get(2).credentials().challenge().nonce()).isEqualTo("n2");
  }

  @Test
  void serviceUnavailableHonoursRetryAfterOverTheShorterBackoff() {
    link.answer(503, null, -1, Duration.ofSeconds(120));

    assertThat(machine.state()).isEqualTo(RegistrationState.FAILED);
    assertThat(lastReport().outcome()).isEqualTo("failed");
    assertThat(clock.nextDelay()).isEqualTo(Duration.ofSeconds(120));
    assertThat(link.sent).hasSize(1);
  }

  @Test
  void serviceUnavailableWithoutRetryAfterBacksOffExponentially() {
    link.answer(503, null, -1, Duration.ZERO);
    assertThat(clock.nextDelay()).isBetween(BACKOFF_MIN, Duration.ofMillis(6250));
    clock.runDue();
    link.answer(503, null, -1, Duration.ZERO);
    assertThat(clock.nextDelay()).isBetween(Duration.ofSeconds(10), Duration.ofMillis(12500));
    assertThat(lastReport().failures()).isEqualTo(2);
  }

  @Test
  void intervalTooBriefRetriesAtOnceWithMinExpires() {
    link.answer(423, null, 1800, Duration.ZERO);

    assertThat(link.sent).hasSize(2);
    assertThat(link.sent.get(1).expires()).isEqualTo(1800);
    assertThat(machine.state()).isEqualTo(RegistrationState.REGISTERING);
  }

  @Test
  void noAnswerFailsWith408AndRecoversOnTheNextTry() {
    link.listener.onTimeout(1);
    assertThat(lastReport().code()).isEqualTo(408);
    assertThat(lastReport().outcome()).isEqualTo("timeout");

    clock.runDue();
    link.answer(200, null, -1, Duration.ZERO);
    assertThat(machine.state()).isEqualTo(RegistrationState.REGISTERED);
    assertThat(lastReport().failures()).isZero();
  }

  @Test
  void anAnswerToAnOlderRequestIsIgnored() {
    link.answer(401, null, -1, Duration.ZERO, challenge("n1", false));
    link.listener.onAnswer(new RegisterAnswer(1, 200, "OK", 600, -1, Duration.ZERO, List.of()));

    assertThat(machine.state()).isEqualTo(RegistrationState.REGISTERING);
  }

  @Test
  void unregisterSendsExpiresZeroAndReportsUnregistered() {
    link.answer(200, null, -1, Duration.ZERO);
    List<String> done = new ArrayList<>();
    machine.unregister(() -> done.add("done"));

    assertThat(link.sent.get(link.sent.size() - 1).expires()).isZero();
    link.answer(200, null, -1, Duration.ZERO);
    assertThat(done).containsExactly("done");
    assertThat(lastReport().state()).isEqualTo(RegistrationState.UNREGISTERED);
    assertThat(link.closed).isTrue();
  }

  static DigestChallenge challenge(String nonce, boolean stale) {
    return DigestChallenge.of("example.com", nonce, null, "MD5", "auth", stale);
  }

  static TrunkConfig trunk(int expires) {
    return new TrunkConfig(
        "trunk.config.v1",
        1,
        "t-1",
        "main",
        true,
        "sip.example.com",
        5060,
        "UDP",
        null,
        "REGISTER",
        "1001",
        "auth-1001",
        "enc",
        null,
        expires,
        false,
        null,
        null,
        null);
  }

  Report lastReport() {
    return reports.get(reports.size() - 1);
  }

  record Sent(long cseq, int expires, DigestCredentials credentials) {}

  record Report(
      RegistrationState state, Integer code, Instant expiresAt, int failures, String outcome) {}

  final class RecordingSink implements StatusSink {
    @Override
    public void track(TrunkConfig trunk, RegistrationState initial) {}

    @Override
    public void registration(TrunkConfig trunk, RegistrationReport r) {
      reports.add(new Report(r.state(), r.code(), r.expiresAt(), r.failures(), r.outcome()));
    }

    @Override
    public void reachability(TrunkConfig trunk, Reachability reachability, Long rttMillis) {}

    @Override
    public void forget(String trunkId) {}

    @Override
    public void deleted(String trunkId) {}
  }

  /** Records what the machine sends; the test plays the registrar. */
  static final class FakeLink implements RegistrarLink {
    RegistrarLink.Listener listener;
    final List<Sent> sent = new ArrayList<>();
    boolean closed;

    @Override
    public boolean transportAvailable(TrunkConfig trunk) {
      return true;
    }

    @Override
    public void register(TrunkConfig trunk, long cseq, int expires, DigestCredentials c) {
      sent.add(new Sent(cseq, expires, c));
    }

    @Override
    public void close() {
      closed = true;
    }

    void answer(
        int code,
        Integer granted,
        int minExpires,
        Duration retryAfter,
        DigestChallenge... challenges) {
      long cseq = sent.get(sent.size() - 1).cseq();
      listener.onAnswer(
          new RegisterAnswer(
              cseq, code, "reason " + code, granted, minExpires, retryAfter, List.of(challenges)));
    }
  }

  /** Timers that run only when the test says so; paced sends leave at once. */
  static final class FakeScheduler implements Scheduler {
    record Pending(Duration delay, Runnable task, boolean[] cancelled) {}

    final List<Pending> timers = new ArrayList<>();

    @Override
    public void execute(Runnable task) {
      task.run();
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
      boolean[] cancelled = {false};
      timers.add(new Pending(delay, task, cancelled));
      return () -> cancelled[0] = true;
    }

    @Override
    public void paced(BooleanSupplier send) {
      send.getAsBoolean();
    }

    /** The delay of the one live timer. */
    Duration nextDelay() {
      List<Pending> live = timers.stream().filter(p -> !p.cancelled()[0]).toList();
      assertThat(live).hasSize(1);
      return live.get(0).delay();
    }

    /** Fires the live timers (as if their time had come). */
    void runDue() {
      List<Pending> live = timers.stream().filter(p -> !p.cancelled()[0]).toList();
      timers.clear();
      live.forEach(p -> p.task().run());
    }
  }
}
