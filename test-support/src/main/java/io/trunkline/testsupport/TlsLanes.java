package io.trunkline.testsupport;

import java.util.Map;

/**
 * The certificates of a TLS test front (Kamailio) with three lanes a SIP service must tell apart:
 * one with a good certificate of the test CA, one signed by another CA, one of the test CA for the
 * wrong host name. They go into the front's template values as {@code GOOD_CERT}/{@code GOOD_KEY},
 * {@code OTHER_CA_CERT}/{@code OTHER_CA_KEY} and {@code WRONG_NAME_CERT}/{@code WRONG_NAME_KEY}.
 */
public final class TlsLanes {

  /** The host name of the wrong-name lane's certificate. */
  public static final String WRONG_NAME = "wrong.example.test";

  private TlsLanes() {}

  /** Issues the three lanes' certificates, the good and other-CA ones for {@code names}. */
  public static void putCertificates(
      Map<String, Object> values, TestCa ca, TestCa otherCa, String... names) {
    put(values, "GOOD", ca.issue(names));
    put(values, "OTHER_CA", otherCa.issue(names));
    put(values, "WRONG_NAME", ca.issue(WRONG_NAME));
  }

  private static void put(Map<String, Object> values, String lane, TestCa.Issued issued) {
    values.put(lane + "_CERT", issued.chain());
    values.put(lane + "_KEY", issued.privateKey());
  }
}
