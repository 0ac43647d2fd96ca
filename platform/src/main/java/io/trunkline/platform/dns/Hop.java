package io.trunkline.platform.dns;

import org.xbill.DNS.Name;

/**
 * A name the RFC 3263 chain still has to turn into addresses, with the port and transport those
 * addresses get (from SRV, from the configuration, or the transport's default port).
 */
record Hop(Name name, int port, SipTransport transport) {}
