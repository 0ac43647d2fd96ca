package io.trunkline.routing.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Body of POST /api/v1/routing/resolve-inbound. */
public record ResolveInboundRequest(
    @NotBlank @Pattern(regexp = "[^\\s]{1,64}", message = "1-64 characters without spaces")
        String trunkId,
    @NotBlank
        @Pattern(regexp = "\\+?[0-9*#]{1,32}", message = "1-32 of 0-9 * # after an optional +")
        String did,
    @Pattern(regexp = "[^\\s]{1,64}", message = "1-64 characters without spaces") String caller) {}
