package io.trunkline.routing.service.inbound;

import io.trunkline.platform.sip.ContactToken;
import io.trunkline.routing.service.Trunk;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Which trunk sent an INVITE and which of its numbers was called. The source must lie in a trunk's
 * addresses; a Request-URI user that is a trunk's Contact token picks that trunk, but only when the
 * source is also that trunk's (a token alone proves nothing). Without a token, of the trunks at the
 * source (most specific CIDR first) the first whose DID pool holds the number takes the call, so
 * trunks that share a provider's addresses are told apart by their numbers.
 */
@ApplicationScoped
public class TrunkIdentifier {

  /** What the identification found: a trunk and DID, or the SIP code that refuses the call. */
  public record Identified(Trunk trunk, String did, String rawDid, int code, String reason) {

    /** Whether a trunk and a DID of its pool were found. */
    public boolean accepted() {
      return code == 0;
    }

    static Identified refused(int code, String reason, String rawDid) {
      return new Identified(null, null, rawDid, code, reason);
    }
  }

  /** Code of an INVITE whose source belongs to no trunk (or not to the trunk it names). */
  public static final int FORBIDDEN = 403;

  /** Code of an INVITE for a number outside the trunk's DID pool. */
  public static final int NOT_FOUND = 404;

  private final TrunkAddressBook book;
  private final ContactTokens tokens;

  /** An identifier over the trunks' addresses, checking Contact tokens with {@code tokens}. */
  @Inject
  public TrunkIdentifier(TrunkAddressBook book, ContactTokens tokens) {
    this.book = book;
    this.tokens = tokens;
  }

  /** Identifies the trunk and DID of an INVITE from sourceIp. */
  public Identified identify(String sourceIp, String requestUriUser, String toUser) {
    List<TrunkAddressBook.Hit> hits = book.trunksAt(sourceIp);
    if (hits.isEmpty()) {
      return Identified.refused(FORBIDDEN, "source not allowed", requestUriUser);
    }
    if (ContactToken.looksLikeToken(requestUriUser)) {
      for (TrunkAddressBook.Hit h : hits) {
        if (h.trunk().registers() && tokens.isTokenOf(requestUriUser, h.trunk().id())) {
          return withDid(h.trunk(), requestUriUser, toUser, true);
        }
      }
      return Identified.refused(FORBIDDEN, "contact token of no trunk at this source", toUser);
    }
    Identified first = null;
    for (TrunkAddressBook.Hit h : hits) {
      Identified id = withDid(h.trunk(), requestUriUser, toUser, false);
      if (id.accepted()) {
        return id;
      }
      if (first == null) {
        first = id;
      }
    }
    return first;
  }

  private static Identified withDid(Trunk t, String ruriUser, String toUser, boolean token) {
    String raw =
        switch (t.inboundNumberFrom()) {
          case "TO" -> toUser;
          case "REQUEST_URI" -> ruriUser;
          default -> token ? toUser : ruriUser;
        };
    String did = DidNumbers.normalise(raw, t.countryCode());
    if (!DidNumbers.inPool(t.didNumbers(), did, raw)) {
      return new Identified(t, null, raw, NOT_FOUND, "number not in the trunk's DID pool");
    }
    return new Identified(t, did, raw, 0, null);
  }
}
