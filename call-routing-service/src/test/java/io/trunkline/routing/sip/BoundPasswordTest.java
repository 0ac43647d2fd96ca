package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.trunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.platform.crypto.SecretKeyring;
import io.trunkline.platform.crypto.SecretSettings;
import io.trunkline.platform.crypto.TrunkSecrets;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.routing.StateFeeder;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sip.ClientTransaction;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

/**
 * Passwords bound to their trunk: a trunk.config.v1 record that carries another trunk's
 * passwordEncrypted (any pod that can write the topic could forge one, pointing at its own host)
 * never gets a digest answer; the same token in its own trunk does.
 */
@QuarkusTest
@TestProfile(SipTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class BoundPasswordTest extends SipAcceptanceSupport {

  /** What trunk-config makes with the single test key (key id k1), bound to a trunk id. */
  static final SecretKeyring CONFIG_KEYS =
      SecretKeyring.create(
          new SecretSettings(
              Optional.empty(),
              Optional.of(List.of("k1=" + StateFeeder.KEY)),
              Optional.empty(),
              false));

  @Test
  void aPasswordCopiedIntoAnotherTrunkIsNeverUsedForADigest() throws Exception {
    List<String> authorizations = new CopyOnWriteArrayList<>();
    Map<String, Object> real = credentials(trunk("bound-real", trunkB.port()), "s3cret");
    Map<String, Object> forged = credentials(trunk("bound-forged", trunkA.port()), null);
    forged.put("passwordEncrypted", real.get("passwordEncrypted"));
    double refusedBefore = metric("trunk_secrets_refused_total", "");
    trunkA.onInvite(
        (p, st) -> {
          Object auth = st.getRequest().getHeader("Proxy-Authorization");
          if (auth != null) {
            authorizations.add(auth.toString());
          }
          p.respond(st, 407, "Proxy-Authenticate", "Digest realm=\"trunk\", nonce=\"n1\"");
        });
    String prefix = route(null, 0, forged);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> metric("trunk_secrets_refused_total", "") > refusedBefore);
    ClientTransaction ct = pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT);
    trunkA.awaitRequest(Request.INVITE, 5);
    // Unanswerable: the trunk counts as failed, the only route is gone.
    assertThat(pbx.awaitResponse(503, 10))
        .as("the call fails, the challenge unanswered")
        .isNotNull();
    assertThat(trunkA.receives(Request.INVITE, 1000)).as("no second INVITE").isFalse();
    assertThat(authorizations).isEmpty();
    assertThat(ct.getRequest()).isNotNull();

    // The genuine trunk with the same token answers its challenge.
    trunkB.onInvite(
        (p, st) -> {
          if (st.getRequest().getHeader("Proxy-Authorization") == null) {
            p.respond(st, 407, "Proxy-Authenticate", "Digest realm=\"trunk\", nonce=\"n2\"");
          } else {
            answer(p, st);
          }
        });
    String realPrefix = route(null, 0, real);
    ClientTransaction ok = callAnswered(realPrefix + "2345");
    Request second = trunkB.awaitRequest(Request.INVITE, 5);
    second =
        second.getHeader("Proxy-Authorization") == null
            ? trunkB.awaitRequest(Request.INVITE, 5)
            : second;
    assertThat(second.getHeader("Proxy-Authorization").toString())
        .contains("username=\"auth-user\"");
    pbx.bye(ok.getDialog());
    trunkB.awaitRequest(Request.BYE, 5);
  }

  private static Map<String, Object> credentials(Map<String, Object> t, String password) {
    t.put("authMode", "DIGEST");
    t.put("username", "acct");
    t.put("authUsername", "auth-user");
    if (password != null) {
      t.put(
          "passwordEncrypted",
          CONFIG_KEYS.encrypt(password, TrunkSecrets.binding((String) t.get("id"))));
    }
    return t;
  }
}
