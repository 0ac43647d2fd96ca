package io.trunkline.platform.problem;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One bad field of a request: its JSON name (a dotted path for nested fields, {@code body} for the
 * body as a whole) and why it is refused. The message never repeats the value (it may be secret).
 */
@Schema(name = "FieldError", description = "One bad field of a request")
public record FieldError(
    @Schema(example = "port") String field,
    @Schema(example = "must be between 1 and 65535") String message) {}
