package io.trunkline.routing.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Body of POST /api/v1/routing/resolve. */
public record ResolveRequest(
    @Pattern(regexp = "[^\\s]{1,64}", message = "1-64 characters without spaces") String caller,
    @NotBlank @Pattern(regexp = "[0-9*#+]{1,32}", message = "1-32 of 0-9 * # +") String dialled) {}
