package io.trunkline.routing.service.call;

/** A message body passed through unchanged (SDP). */
public record SipBody(String contentType, byte[] content) {}
