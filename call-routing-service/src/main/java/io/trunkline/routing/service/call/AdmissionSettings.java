package io.trunkline.routing.service.call;

/**
 * How {@link CallAdmission} treats INVITEs from unknown sources.
 *
 * @param ignoreStrangers drop them silently (true) rather than answer 403: silence gives a scanner
 *     nothing to learn, an answer helps an operator find a PBX missing from the allowed sources
 * @param rejectedEventsPerSecond at most this many REJECTED events a second are published
 * @param publishEvents whether call events are published at all
 */
public record AdmissionSettings(
    boolean ignoreStrangers, int rejectedEventsPerSecond, boolean publishEvents) {}
