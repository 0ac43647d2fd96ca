package io.trunkline.config.domain.trunk;

import io.trunkline.config.domain.error.InvalidRequestException;
import io.trunkline.config.domain.provider.ProviderTemplate;
import io.trunkline.config.domain.provider.ProviderTemplates;
import io.trunkline.config.domain.validation.DeclaredConstraints;
import io.trunkline.config.domain.validation.FieldErrors;
import io.trunkline.config.domain.validation.NumberList;
import io.trunkline.config.domain.validation.Syntax;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a {@link TrunkInput} into a complete, valid {@link TrunkSettings}: defaults from {@link
 * TrunkDefaults}, then every field checked (the plain ranges and patterns are declared on {@link
 * TrunkInput}, the rest is here), so that a client learns about all its mistakes at once and
 * nothing half-checked is ever stored.
 */
@ApplicationScoped
public class TrunkValidator {

  private static final Pattern SIP_USER = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=%-]{1,64}");
  private static final Pattern COUNTRY = Pattern.compile("[1-9][0-9]{0,3}");
  private static final Pattern TECH_PREFIX = Pattern.compile("[0-9*#]{0,16}");
  private static final Pattern CALLER_ID = Pattern.compile("\\+?[0-9]{1,20}");

  private final ProviderTemplates templates;
  private final OwnSipAddresses ownAddresses;
  private final Validator validator;

  public TrunkValidator(
      ProviderTemplates templates, OwnSipAddresses ownAddresses, Validator validator) {
    this.templates = templates;
    this.ownAddresses = ownAddresses;
    this.validator = validator;
  }

  /**
   * The trunk {@code in} describes, checked. {@code passwordStored}: whether the trunk being
   * replaced has a password (a request may then leave it out).
   *
   * @param errors what reading the JSON already found; reported together with these checks
   * @throws InvalidRequestException listing every bad field
   */
  public TrunkSettings validate(TrunkInput in, boolean passwordStored, FieldErrors errors) {
    String provider = in.provider == null ? ProviderTemplates.GENERIC : in.provider;
    ProviderTemplate tpl = templates.find(provider).orElse(null);
    if (tpl == null) {
      errors.add("provider", "unknown provider template (see GET /api/v1/providers)");
      tpl = templates.generic();
    }
    TrunkSettings t = TrunkDefaults.resolve(in, tpl);
    // The defaults lie inside the declared ranges: checking the request checks the trunk.
    DeclaredConstraints declared = DeclaredConstraints.check(validator, in);
    declared.report("name", errors);
    checkHost(errors, t.host());
    declared.report("port", errors);
    if (in.outboundProxy != null && !Syntax.isHostPort(in.outboundProxy)) {
      errors.add("outboundProxy", "must be host or host:port");
    }
    refuseLoops(errors, t.host(), t.port(), in.outboundProxy);
    checkUser(errors, "username", in.username, t.usesCredentials());
    checkUser(errors, "authUsername", in.authUsername, false);
    checkPassword(errors, in.password, t, passwordStored);
    if (in.realm != null
        && (in.realm.isBlank() || in.realm.length() > 128 || in.realm.contains("\""))) {
      errors.add("realm", "must be 1-128 characters without quotes");
    }
    declared.report("registerExpires", errors);
    if (in.fromDomain != null && !Syntax.isHost(t.fromDomain())) {
      errors.add("fromDomain", "must be a host name or an IP address");
    }
    declared.report("maxConcurrentCalls", errors);
    declared.report("maxCallsPerSecond", errors);
    declared.report("optionsIntervalSeconds", errors);
    checkNumbering(errors, t, tpl);
    for (int i = 0; i < TrunkDefaults.failoverCodes(in).size(); i++) {
      declared.report("failoverCodes[" + i + "]", errors);
    }
    checkCallerIdAndDids(errors, t);
    checkAddresses(errors, TrunkDefaults.associatedIps(in));
    if (t.mediaEncryption() != MediaEncryption.NONE && t.media() != MediaMode.ANCHOR) {
      // Only the relay can bridge the provider's SRTP and the PBX's RTP.
      errors.add("mediaEncryption", "needs media ANCHOR (SRTP is bridged by the media relay)");
    }
    errors.throwIfAny();
    return t;
  }

  private static void checkHost(FieldErrors errors, String host) {
    if (host == null || host.isEmpty()) {
      errors.add("host", "is required");
    } else if (!Syntax.isHost(host)) {
      errors.add("host", "must be a host name or an IP address");
    }
  }

  /** A trunk pointing at call-routing itself would route each of its calls back in, forever. */
  private void refuseLoops(FieldErrors errors, String host, int port, String outboundProxy) {
    if (host != null && !errors.has("host") && ownAddresses.isOwn(host, port)) {
      errors.add(
          "host",
          host
              + ":"
              + port
              + " is call-routing's own SIP address: calls to this trunk would loop back into it");
    }
    if (outboundProxy != null
        && !errors.has("outboundProxy")
        && ownAddresses.isOwnHostPort(outboundProxy)) {
      errors.add(
          "outboundProxy",
          "is call-routing's own SIP address: calls to this trunk would loop back into it");
    }
  }

  private static void checkUser(FieldErrors errors, String field, String v, boolean required) {
    if (v == null || v.isBlank()) {
      if (required) {
        errors.add(field, "is required for REGISTER and DIGEST trunks");
      } else if (v != null) {
        errors.add(field, "must not be blank");
      }
    } else if (!SIP_USER.matcher(v).matches()) {
      errors.add(field, "must be 1-64 SIP user characters (no spaces, '@' or ':')");
    }
  }

  private static void checkPassword(
      FieldErrors errors, String password, TrunkSettings t, boolean passwordStored) {
    if (password != null && (password.isEmpty() || password.length() > 128)) {
      errors.add("password", "must be 1-128 characters");
    } else if (password != null && password.chars().anyMatch(Character::isISOControl)) {
      errors.add("password", "must not contain control characters");
    } else if (t.usesCredentials() && password == null && !passwordStored) {
      errors.add("password", "is required for authMode " + t.authMode());
    }
  }

  private static void checkNumbering(FieldErrors errors, TrunkSettings t, ProviderTemplate tpl) {
    if (t.countryCode() != null && !COUNTRY.matcher(t.countryCode()).matches()) {
      errors.add("countryCode", "must be 1-4 digits, not starting with 0");
    }
    if (t.techPrefix() != null && !TECH_PREFIX.matcher(t.techPrefix()).matches()) {
      errors.add("techPrefix", "must be up to 16 of 0-9 * #");
    } else if (t.techPrefix() == null && tpl.techPrefixRequired()) {
      errors.add("techPrefix", "is required by provider " + tpl.id());
    }
  }

  private static void checkCallerIdAndDids(FieldErrors errors, TrunkSettings t) {
    String callerId = t.callerId();
    if (callerId != null && !CALLER_ID.matcher(callerId).matches()) {
      errors.add("callerId", "must be digits with an optional leading +");
    }
    String dids = t.didNumbers();
    String didProblem = dids == null ? null : Syntax.checkPortSipList(dids);
    if (didProblem != null) {
      errors.add("didNumbers", didProblem);
    } else if (dids != null && callerId != null && !NumberList.contains(dids, callerId)) {
      errors.add("callerId", "must lie inside didNumbers");
    }
  }

  private static void checkAddresses(FieldErrors errors, List<String> ips) {
    for (int i = 0; i < ips.size(); i++) {
      if (!Syntax.isCidr(ips.get(i).trim())) {
        errors.add("associatedIps[" + i + "]", "must be an IP address or a CIDR block");
      }
    }
  }
}
