package io.trunkline.config.domain.trunk;

import io.trunkline.config.domain.json.JsonInput;
import io.trunkline.config.domain.validation.Syntax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A trunk as a client sends it (POST, PUT, PATCH, gRPC). Every field may be absent: absent fields
 * take the provider template's default, then the service's ({@link TrunkDefaults}).
 */
@Schema(name = "TrunkRequest", description = "A SIP trunk as written by a client")
public class TrunkInput {

  private static final String FAILOVER_CODE_MESSAGE = "must be a SIP final code 300-699";

  /** The fields a request may carry; anything else is an unknown field. */
  public static final Set<String> FIELDS =
      Set.of(
          "name",
          "provider",
          "enabled",
          "host",
          "port",
          "transport",
          "outboundProxy",
          "authMode",
          "username",
          "authUsername",
          "password",
          "realm",
          "registerExpires",
          "fromDomain",
          "maxConcurrentCalls",
          "maxCallsPerSecond",
          "optionsPing",
          "optionsIntervalSeconds",
          "numberFormat",
          "countryCode",
          "techPrefix",
          "failoverCodes",
          "callerId",
          "didNumbers",
          "associatedIps",
          "media",
          "mediaEncryption",
          "tlsVerify");

  @NotNull(message = "is required")
  @Pattern(regexp = Syntax.NAME_PATTERN, message = Syntax.NAME_MESSAGE)
  @Schema(required = true, pattern = Syntax.NAME_PATTERN, example = "twilio-main")
  public String name;

  @Schema(description = "Provider template id (GET /api/v1/providers)", defaultValue = "generic")
  public String provider;

  @Schema(defaultValue = "true", description = "Disabled: not registered, never routed to")
  public Boolean enabled;

  @Schema(required = true, description = "The provider's SIP server: host name or IP")
  public String host;

  @Schema(minimum = "1", maximum = "65535", description = "Default 5060, 5061 for TLS")
  @Min(value = 1, message = "must be between 1 and 65535")
  @Max(value = 65535, message = "must be between 1 and 65535")
  public Integer port;

  @Schema(defaultValue = "UDP")
  public Transport transport;

  @Schema(description = "host[:port]; requests are sent there instead of host")
  public String outboundProxy;

  @Schema(defaultValue = "REGISTER")
  public AuthMode authMode;

  @Schema(description = "Required for REGISTER and DIGEST: user part of the AOR")
  public String username;

  @Schema(description = "Digest user name; default = username")
  public String authUsername;

  @Schema(
      writeOnly = true,
      description =
          "Required for REGISTER and DIGEST on create; never returned. Left out on PUT/PATCH:"
              + " the stored password is kept.")
  public String password;

  @Schema(description = "Only answer challenges for this realm")
  public String realm;

  @Schema(minimum = "60", maximum = "86400", defaultValue = "600")
  @Min(value = 60, message = "must be between 60 and 86400")
  @Max(value = 86400, message = "must be between 60 and 86400")
  public Integer registerExpires;

  @Schema(description = "Host part of From on outbound calls; default = host")
  public String fromDomain;

  @Schema(minimum = "0", defaultValue = "0", description = "0 = unlimited")
  @PositiveOrZero(message = "must be 0 or more")
  public Integer maxConcurrentCalls;

  @Schema(minimum = "0", defaultValue = "0", description = "0 = unlimited")
  @PositiveOrZero(message = "must be 0 or more")
  public Integer maxCallsPerSecond;

  @Schema(description = "OPTIONS keep-alive; default true for IP trunks")
  public Boolean optionsPing;

  @Schema(minimum = "5", maximum = "3600", defaultValue = "30")
  @Min(value = 5, message = "must be between 5 and 3600")
  @Max(value = 3600, message = "must be between 5 and 3600")
  public Integer optionsIntervalSeconds;

  @Schema(defaultValue = "AS_DIALED")
  public NumberFormat numberFormat;

  @Schema(pattern = "[1-9][0-9]{0,3}", description = "Country code for national numbers (E164*)")
  public String countryCode;

  @Schema(pattern = "[0-9*#]{0,16}", description = "Prepended to the called number last")
  public String techPrefix;

  @Schema(
      description = "SIP codes (300–699) that make a call try the next route; default 408, 500–599")
  public List<
          @Min(value = 300, message = FAILOVER_CODE_MESSAGE)
          @Max(value = 699, message = FAILOVER_CODE_MESSAGE) Integer>
      failoverCodes;

  @Schema(pattern = "\\+?[0-9]{1,20}", description = "Default outbound caller ID")
  public String callerId;

  @Schema(example = "101;203;300-450", description = "DID pool in PortSIP list syntax")
  public String didNumbers;

  @Schema(example = "[\"203.0.113.0/24\"]", description = "CIDRs the provider's requests come from")
  public List<String> associatedIps;

  @Schema(
      defaultValue = "PASS_THROUGH",
      description = "ANCHOR: the call's RTP is relayed through the media relay (rtpengine)")
  public MediaMode media;

  @Schema(
      defaultValue = "NONE",
      description =
          "What the trunk side of anchored media speaks: NONE (RTP), SDES or DTLS (SRTP); needs"
              + " media ANCHOR. Default: the provider template's when anchored, else NONE")
  public MediaEncryption mediaEncryption;

  @Schema(
      defaultValue = "true",
      description =
          "transport TLS: whether the provider's certificate must chain to the trust store and name"
              + " the host; false accepts any certificate (still encrypted, but not authenticated)")
  public Boolean tlsVerify;

  /** Reads the fields of a JSON object; wrong types and unknown fields go to the errors. */
  public static TrunkInput read(JsonInput in) {
    TrunkInput t = new TrunkInput();
    t.name = in.string("name");
    t.provider = in.string("provider");
    t.enabled = in.bool("enabled");
    t.host = in.string("host");
    t.port = in.integer("port");
    t.transport = in.enumValue("transport", Transport.class);
    t.outboundProxy = in.string("outboundProxy");
    t.authMode = in.enumValue("authMode", AuthMode.class);
    t.username = in.string("username");
    t.authUsername = in.string("authUsername");
    t.password = in.string("password");
    t.realm = in.string("realm");
    t.registerExpires = in.integer("registerExpires");
    t.fromDomain = in.string("fromDomain");
    t.maxConcurrentCalls = in.integer("maxConcurrentCalls");
    t.maxCallsPerSecond = in.integer("maxCallsPerSecond");
    t.optionsPing = in.bool("optionsPing");
    t.optionsIntervalSeconds = in.integer("optionsIntervalSeconds");
    t.numberFormat = in.enumValue("numberFormat", NumberFormat.class);
    t.countryCode = in.string("countryCode");
    t.techPrefix = in.string("techPrefix");
    t.failoverCodes = in.integers("failoverCodes");
    t.callerId = in.string("callerId");
    t.didNumbers = in.string("didNumbers");
    t.associatedIps = in.strings("associatedIps");
    t.media = in.enumValue("media", MediaMode.class);
    t.mediaEncryption = in.enumValue("mediaEncryption", MediaEncryption.class);
    t.tlsVerify = in.bool("tlsVerify");
    return t;
  }
}
