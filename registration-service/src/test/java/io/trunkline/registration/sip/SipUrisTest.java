package io.trunkline.registration.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.ParseException;
import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** URIs made without the parser are the ones the parser makes, and odd input still meets it. */
class SipUrisTest {

  private static AddressFactory parser;
  private static SipUris uris;

  @BeforeAll
  static void factory() throws Exception {
    SipFactory f = SipFactory.getInstance();
    f.setPathName("gov.nist");
    parser = f.createAddressFactory();
    uris = new SipUris(() -> parser);
  }

  @Test
  void plainUsersAndHostsEncodeAndCompareAsParsed() throws ParseException {
    String[][] cases = {
      {"b17", "127.0.0.1"},
      {"trunk_1.main+x", "sip.provider-one.example"},
      {null, "10.0.0.5"},
      {"0049301234", "REGISTRAR.Example.COM"},
    };
    for (String[] c : cases) {
      SipURI fast = uris.sipUri(c[0], c[1]);
      SipURI parsed = parser.createSipURI(c[0], c[1]);
      assertThat(fast.toString()).isEqualTo(parsed.toString());
      assertThat(fast).isEqualTo(parsed);
      assertThat(fast.getUser()).isEqualTo(parsed.getUser());
      assertThat(fast.getHost()).isEqualTo(parsed.getHost());
      fast.setPort(5080);
      parsed.setPort(5080);
      fast.setTransportParam("tcp");
      parsed.setTransportParam("tcp");
      assertThat(fast.toString()).isEqualTo(parsed.toString());
    }
  }

  @Test
  void anythingElseGoesThroughTheParser() throws ParseException {
    assertThat(SipUris.plain("a b", false)).isFalse();
    assertThat(SipUris.plain("user@evil", false)).isFalse();
    assertThat(SipUris.plain("-host", true)).isFalse();
    assertThat(SipUris.plain("host_name", true)).isFalse();
    assertThat(uris.sipUri("alice", "[::1]").toString())
        .isEqualTo(parser.createSipURI("alice", "[::1]").toString());
    String[][] odd = {{"a;b", "h"}, {"a@b", "h"}, {"alice", "h:x"}, {"alice", ""}, {"%zz", "h"}};
    for (String[] c : odd) {
      String parsed;
      try {
        parsed = parser.createSipURI(c[0], c[1]).toString();
      } catch (ParseException e) {
        assertThatThrownBy(() -> uris.sipUri(c[0], c[1])).isInstanceOf(ParseException.class);
        continue;
      }
      assertThat(uris.sipUri(c[0], c[1]).toString()).isEqualTo(parsed);
    }
  }

  @Test
  void configuredUrisAreCopiesOfOneParse() throws ParseException {
    SipURI a = uris.copyOf("sip:10.0.0.5:5060;transport=tcp");
    a.setUser("tl0123");
    SipURI b = uris.copyOf("sip:10.0.0.5:5060;transport=tcp");
    assertThat(b.getUser()).isNull();
    assertThat(a.toString()).isEqualTo("sip:tl0123@10.0.0.5:5060;transport=tcp");
  }
}
