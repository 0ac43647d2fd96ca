package io.trunkline.routing.service;

/**
 * One route of a resolved rule, in the order it would be tried: its trunk (null when unknown), the
 * number and caller ID it would send, and why it would be skipped right now (null: usable).
 */
public record Candidate(
    String trunkId, Trunk trunk, String number, String callerId, String skipReason) {}
