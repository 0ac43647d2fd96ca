package io.trunkline.routing.service.call;

/** A request inside an established (or early) dialog to relay to the other leg. */
public record InDialogRequest(String method, SipBody body) {}
