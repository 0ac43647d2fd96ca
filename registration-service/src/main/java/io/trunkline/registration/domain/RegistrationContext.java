package io.trunkline.registration.domain;

/** What a registration or probe needs from the rest of the service. */
public record RegistrationContext(
    ProviderLinks links, Scheduler scheduler, Backoff backoff, StatusSink status) {}
