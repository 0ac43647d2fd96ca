package io.trunkline.config.domain.trunk;

import io.trunkline.config.domain.Versioned;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A trunk as the API and the events show it: every field a client can set except the password,
 * which is write-only ({@code passwordSet} tells whether one is stored).
 */
@Schema(name = "Trunk", description = "A stored SIP trunk (the password is never returned)")
public record TrunkView(
    UUID id,
    String name,
    String provider,
    boolean enabled,
    String host,
    int port,
    Transport transport,
    String outboundProxy,
    AuthMode authMode,
    String username,
    String authUsername,
    @Schema(description = "Whether a password is stored (it is never returned)")
        boolean passwordSet,
    String realm,
    int registerExpires,
    String fromDomain,
    int maxConcurrentCalls,
    int maxCallsPerSecond,
    boolean optionsPing,
    int optionsIntervalSeconds,
    NumberFormat numberFormat,
    String countryCode,
    String techPrefix,
    List<Integer> failoverCodes,
    String callerId,
    String didNumbers,
    List<String> associatedIps,
    @Schema(description = "PASS_THROUGH or ANCHOR (RTP relayed through rtpengine)") MediaMode media,
    @Schema(description = "What the trunk side of anchored media speaks")
        MediaEncryption mediaEncryption,
    @Schema(description = "TLS: whether the provider's certificate is checked") boolean tlsVerify,
    @Schema(description = "Optimistic-lock version, also the ETag") long version,
    Instant createdAt,
    Instant updatedAt)
    implements Versioned {}
