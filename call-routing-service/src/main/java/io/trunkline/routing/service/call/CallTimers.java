package io.trunkline.routing.service.call;

import java.time.Duration;

/**
 * How long a call may wait at each stage: for a first provisional answer from a trunk before the
 * next candidate is tried, for a final answer once ringing, and in total once answered (a leg whose
 * BYE was lost must not hold a channel for ever).
 */
public record CallTimers(Duration noProvisional, Duration finalAnswer, Duration maxCallDuration) {}
