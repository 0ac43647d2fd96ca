package io.trunkline.config.domain.trunk;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.trunkline.config.domain.Versioned;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A trunk as the API and the events show it: its settings (every field a client can set except the
 * password, flat in the JSON) with the fields the service assigns; the password is write-only
 * ({@code passwordSet} tells whether one is stored).
 */
@Schema(name = "Trunk", description = "A stored SIP trunk (the password is never returned)")
public record TrunkView(
    UUID id,
    @JsonUnwrapped TrunkSettings settings,
    @Schema(description = "Whether a password is stored (it is never returned)")
        boolean passwordSet,
    @Schema(description = "Optimistic-lock version, also the ETag") long version,
    Instant createdAt,
    Instant updatedAt)
    implements Versioned {}
