package io.trunkline.config.service;

/** One bad field of a request: its JSON name (path for nested fields) and why it is rejected. */
public record FieldError(String field, String reason) {}
