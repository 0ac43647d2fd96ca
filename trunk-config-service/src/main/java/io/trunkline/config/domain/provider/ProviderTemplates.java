package io.trunkline.config.domain.provider;

import static io.trunkline.config.domain.trunk.AuthMode.DIGEST;
import static io.trunkline.config.domain.trunk.AuthMode.IP;
import static io.trunkline.config.domain.trunk.AuthMode.REGISTER;
import static io.trunkline.config.domain.trunk.NumberFormat.AS_DIALED;
import static io.trunkline.config.domain.trunk.NumberFormat.E164;
import static io.trunkline.config.domain.trunk.NumberFormat.E164_NO_PLUS;
import static io.trunkline.config.domain.trunk.Transport.TLS;
import static io.trunkline.config.domain.trunk.Transport.UDP;

import io.trunkline.config.domain.trunk.AuthMode;
import io.trunkline.config.domain.trunk.MediaEncryption;
import io.trunkline.config.domain.trunk.NumberFormat;
import io.trunkline.config.domain.trunk.Transport;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The provider templates of DESIGN.md 3.1. The facts come from the providers' public interop guides
 * as summarised by PortSIP's trunk documentation; where a provider offers several modes the
 * template picks the one its guide recommends and says so in the notes.
 */
@ApplicationScoped
public class ProviderTemplates {

  public static final String GENERIC = "generic";

  /**
   * Providers whose guides document SRTP for trunks, and how it is keyed: the trunk's media
   * encryption when it anchors media and does not choose one itself. Telnyx offers SRTP with SDES
   * crypto lines on its SIP connections (together with TLS signalling).
   */
  private static final Map<String, MediaEncryption> DOCUMENTED_SRTP =
      Map.of("telnyx", MediaEncryption.SDES);

  private final Map<String, ProviderTemplate> templates = new LinkedHashMap<>();

  public ProviderTemplates() {
    add(
        GENERIC,
        "Generic SIP trunk",
        null,
        null,
        null,
        UDP,
        REGISTER,
        AS_DIALED,
        null,
        false,
        "Plain RFC 3261 trunk: set host, credentials and options yourself.");
    add(
        "vonage",
        "Vonage SIP Trunking",
        "sip.nexmo.com",
        "sip.nexmo.com",
        5060,
        UDP,
        DIGEST,
        E164_NO_PLUS,
        null,
        false,
        "Outbound calls answer a digest challenge with the API key and secret; numbers in E.164"
            + " without '+'. Regional hosts: sip-us.nexmo.com, sip-eu.nexmo.com.");
    add(
        "questblue",
        "QuestBlue",
        "<region>.questblue.com",
        null,
        5060,
        UDP,
        REGISTER,
        AS_DIALED,
        null,
        false,
        "Register-based trunk with the SIP credentials from the QuestBlue portal.");
    add(
        "voipms",
        "VoIP.ms",
        "<city>.voip.ms",
        null,
        5060,
        UDP,
        REGISTER,
        AS_DIALED,
        null,
        false,
        "Register-based against a regional server (e.g. toronto1.voip.ms); username is the"
            + " sub-account (123456_pbx).");
    add(
        "voxtelesys",
        "Voxtelesys",
        "sip.voxtelesys.net",
        null,
        5060,
        UDP,
        IP,
        E164_NO_PLUS,
        true,
        false,
        "IP-authenticated: register the PBX's public IP in the Voxtelesys portal.");
    add(
        "flowroute",
        "Flowroute",
        "<region>.sip.flowroute.com",
        "us-west-or.sip.flowroute.com",
        5060,
        UDP,
        IP,
        E164_NO_PLUS,
        true,
        true,
        "IP-authenticated; every outbound number needs the account's tech prefix (8 digits and"
            + " '*', e.g. 12345678*).");
    add(
        "skyetel",
        "Skyetel",
        "<region>.skyetel.com",
        null,
        5060,
        UDP,
        IP,
        E164_NO_PLUS,
        true,
        false,
        "IP-authenticated endpoint groups; add the PBX's IP in the Skyetel portal.");
    add(
        "wavix",
        "Wavix",
        "<region>.wavix.net",
        null,
        5060,
        UDP,
        REGISTER,
        E164,
        null,
        false,
        "Register-based; numbers must be E.164 with a leading '+'.");
    add(
        "bandwidth",
        "Bandwidth",
        "<assigned>.bandwidth.com",
        null,
        5060,
        UDP,
        IP,
        E164,
        true,
        false,
        "IP-authenticated: Bandwidth allow-lists the PBX's signalling IPs.");
    add(
        "twilio",
        "Twilio Elastic SIP Trunking",
        "<name>.pstn.twilio.com",
        null,
        5060,
        UDP,
        DIGEST,
        E164,
        null,
        false,
        "No registration: answers digest challenges on INVITE (credential list) or uses an IP"
            + " access list; numbers in E.164 with '+'.");
    add(
        "telnyx",
        "Telnyx",
        "sip.telnyx.com",
        "sip.telnyx.com",
        5061,
        TLS,
        REGISTER,
        E164,
        null,
        false,
        "Credentials (register) or IP authentication; TLS on 5061 recommended. SRTP (SDES) once"
            + " enabled on the Telnyx SIP connection: set media ANCHOR to bridge it to the PBX.");
    add(
        "callcentric",
        "Callcentric",
        "callcentric.com",
        "callcentric.com",
        5080,
        UDP,
        REGISTER,
        AS_DIALED,
        null,
        false,
        "Registers on callcentric.com (SRV resolves to port 5080); username is 1777XXXXXXX.");
    add(
        "telstra",
        "Telstra SIP Connect",
        "<domain>.sipconnect.bigpond.com",
        null,
        5060,
        UDP,
        REGISTER,
        AS_DIALED,
        null,
        false,
        "Register-based; Australian national numbers as dialled (0XXXXXXXXX).");
    add(
        "keen-systems",
        "Keen Systems",
        "<assigned>.keensystems.com",
        null,
        5060,
        UDP,
        REGISTER,
        AS_DIALED,
        null,
        false,
        "Register-based with the credentials from Keen Systems.");
  }

  private void add(
      String id,
      String name,
      String hostPattern,
      String defaultHost,
      Integer port,
      Transport transport,
      AuthMode authMode,
      NumberFormat numberFormat,
      Boolean optionsPing,
      boolean techPrefixRequired,
      String notes) {
    templates.put(
        id,
        new ProviderTemplate(
            id,
            name,
            hostPattern,
            defaultHost,
            port,
            transport,
            authMode,
            numberFormat,
            optionsPing,
            techPrefixRequired,
            notes,
            DOCUMENTED_SRTP.get(id)));
  }

  public Collection<ProviderTemplate> all() {
    return templates.values();
  }

  public Optional<ProviderTemplate> find(String id) {
    return Optional.ofNullable(templates.get(id));
  }

  public ProviderTemplate generic() {
    return templates.get(GENERIC);
  }
}
