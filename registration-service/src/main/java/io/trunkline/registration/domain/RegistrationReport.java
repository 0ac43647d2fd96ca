package io.trunkline.registration.domain;

import java.time.Instant;

/**
 * What a REGISTER transaction that ended (or a change of the registration's state) reports.
 *
 * @param code the registrar's last answer, null when there is none
 * @param reason its reason phrase, or why no REGISTER could be sent
 * @param expiresAt when the registration runs out, null unless registered
 * @param registrar where the REGISTER went (host:port), null when none was sent
 * @param failures failed attempts in a row
 * @param outcome the outcome to count in the metrics, null to count none
 */
public record RegistrationReport(
    RegistrationState state,
    Integer code,
    String reason,
    Instant expiresAt,
    String registrar,
    int failures,
    String outcome) {}
