package io.trunkline.routing.service.call;

/**
 * A 401/407 challenge: the header value of WWW-Authenticate / Proxy-Authenticate, and the name of
 * the header the answer goes into (Authorization / Proxy-Authorization), plus what the digest
 * covers.
 */
public record Challenge(String answerHeader, String value, String method, String requestUri) {}
