package io.trunkline.registration.sip;

import io.trunkline.registration.service.Backoff;
import io.trunkline.registration.service.Engine;
import io.trunkline.registration.service.Pacer;
import io.trunkline.registration.service.StatusSink;

/** What a registration or probe needs from the rest of the service. */
public record RegistrationContext(
    SipStackManager sip,
    SipRequestFactory requests,
    SessionResponseHandler registerSessions,
    SessionResponseHandler optionsSessions,
    Engine engine,
    Pacer pacer,
    Backoff backoff,
    StatusSink status,
    String optionsFromUser) {}
