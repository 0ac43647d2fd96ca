package io.trunkline.routing.sip;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.routing.StateFeeder;
import io.trunkline.routing.service.Candidate;
import io.trunkline.routing.service.OwnSipAddresses;
import io.trunkline.routing.service.Resolution;
import io.trunkline.routing.service.RouteResolver;
import io.trunkline.routing.service.StateStore;
import io.trunkline.routing.service.TrunkBreakers;
import io.trunkline.routing.service.TrunkUsage;
import io.trunkline.routing.service.call.LoopGuard;
import io.trunkline.routing.service.call.SipBody;
import io.trunkline.routing.service.call.TrunkInvite;
import io.trunkline.sip.SipMessage;
import io.trunkline.sip.SipParseException;
import io.trunkline.sip.SipStack;
import io.trunkline.sip.SipUri;
import io.trunkline.sip.Transport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-INVITE work of the hot path on one thread, without sockets: parse the PBX's INVITE
 * datagram, route it (longest prefix among {@code rules} rules, strip/prepend, trunk availability),
 * build the trunk leg's INVITE with the service's own factory and serialize it. Run with {@code
 * deploy/loadtest/routing/run-jmh.sh InviteHotPathBenchmark -prof gc}: the gc profiler's {@code
 * gc.alloc.rate.norm} is the allocation per INVITE.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InviteHotPathBenchmark {

  @Param({"10000"})
  public int rules;

  private RouteResolver resolver;
  private final LoopGuard loops = new LoopGuard("bench", true);
  private byte[][] invites;
  private int next;

  @Setup
  public void build() throws Exception {
    ObjectMapper json = new ObjectMapper();
    StateStore store = new StateStore(StateFeeder.keyRing(), json);
    Map<String, Object> t1 = StateFeeder.trunk("bench-1", 5091);
    Map<String, Object> t2 = StateFeeder.trunk("bench-2", 5092);
    store.applyTrunk((String) t1.get("id"), json.writeValueAsString(t1));
    store.applyTrunk((String) t2.get("id"), json.writeValueAsString(t2));
    Random rnd = new Random(5);
    String[] prefixes = new String[rules];
    for (int i = 0; i < rules; i++) {
      prefixes[i] = Integer.toString(100 + i) + (char) ('0' + rnd.nextInt(10));
      Map<String, Object> r = StateFeeder.rule("bench-" + i, prefixes[i], 2, "+44", t1, t2);
      store.applyRule((String) r.get("id"), json.writeValueAsString(r));
    }
    store.publish();
    // With the loop check of a real service (its own address) and the breakers on.
    resolver =
        new RouteResolver(
            store,
            new TrunkUsage(),
            java.time.Clock.systemUTC(),
            new OwnSipAddresses(List.of("127.0.0.1:5060")),
            new TrunkBreakers(20, 0.5, 10, 10_000, System::currentTimeMillis));
    invites = new byte[1024][];
    for (int i = 0; i < invites.length; i++) {
      String number = prefixes[rnd.nextInt(rules)] + (1_000_000 + rnd.nextInt(8_000_000));
      invites[i] = invite(number, i).getBytes(StandardCharsets.UTF_8);
    }
  }

  @Benchmark
  public byte[] parseRouteSerialize() throws SipParseException {
    byte[] datagram = invites[next++ & (invites.length - 1)];
    SipMessage in = SipMessage.parse(datagram, 0, datagram.length);
    String dialled = SipUri.parse(in.requestUri()).user();
    String caller = in.from().uri().user();
    Resolution r = resolver.resolve(caller, dialled);
    Candidate c = r.candidates().get(0);
    TrunkInvite ti =
        TrunkInvite.to(
            c, new SipBody(in.contentType(), in.body()), loops.next(HopHeaders.read(in)));
    SipMessage out =
        new TrunkInviteFactory(ti, Transport.UDP, in.callId() + "-t", SipStack.newTag())
            .build(1, "<sip:trunkline@127.0.0.1:5060;transport=udp>");
    out.addHeaderFirst(
        "Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=" + SipStack.newBranch() + ";rport");
    return out.encode();
  }

  /** A PBX INVITE as SIPp's load scenario sends it. */
  private static String invite(String number, int n) {
    String sdp =
        "v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    return "INVITE sip:"
        + number
        + "@127.0.0.1:5060 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1-"
        + n
        + "\r\n"
        + "From: <sip:101@127.0.0.1:5061>;tag=1SIPpTag00"
        + n
        + "\r\n"
        + "To: <sip:"
        + number
        + "@127.0.0.1:5060>\r\n"
        + "Call-ID: "
        + n
        + "-1@127.0.0.1\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:101@127.0.0.1:5061>\r\n"
        + "Max-Forwards: 70\r\n"
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: "
        + sdp.length()
        + "\r\n\r\n"
        + sdp;
  }
}
