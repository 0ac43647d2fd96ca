/**
 * The one TLS configuration of the SIP services: {@link io.trunkline.platform.tls.TlsSettings}
 * (trust, own certificate, protocols TLS 1.2+ only, cipher suites, client auth) made into a {@link
 * io.trunkline.platform.tls.SipTls} once at start-up. A client connection is set up for the trunk's
 * host ({@link io.trunkline.platform.dns.SipTarget#serverName()}): SNI, and unless the trunk has
 * {@code tlsVerify: false}, a certificate that chains to the trust and names that host.
 *
 * <p><b>Vert.x (call-routing's SIP stack).</b> {@link
 * io.trunkline.platform.tls.vertx.VertxTls#serverOptions} for the 5061 listener; two clients, from
 * {@link io.trunkline.platform.tls.vertx.VertxTls#clientOptions} with {@code verify} true and
 * false, chosen per trunk; connections pooled per destination and verify flag; each connect to
 * {@link io.trunkline.platform.tls.vertx.VertxTls#remoteAddress}{@code (target.socketAddress(),
 * target.serverName())}, which carries the name Vert.x 4 checks and sends as SNI.
 *
 * <p><b>JAIN-SIP (registration-service).</b> The stack's default (blocking) TLS transport asks its
 * network layer for every client socket and then starts the handshake itself. The service sets
 * {@code gov.nist.javax.sip.NETWORK_LAYER} to a small class of its own implementing {@code
 * gov.nist.core.net.NetworkLayer} whose {@code createSSLSocket(address, port, local)} returns
 * {@link io.trunkline.platform.tls.SipTls#clientSocket} for the server name and verify flag it
 * recorded for that address when it resolved the trunk, and whose {@code createSSLServerSocket}
 * applies {@link io.trunkline.platform.tls.SipTls#serverParameters()}; plain sockets as JAIN-SIP's
 * {@code DefaultNetworkLayer}. {@code gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS} lists {@link
 * io.trunkline.platform.tls.SipTls#protocols()}. JAIN-SIP's NIO TLS transport creates its engines
 * without a peer host (no SNI, no name check in the handshake); a service on it checks after the
 * handshake instead, in its {@code gov.nist.javax.sip.TLS_SECURITY_POLICY}, with {@link
 * io.trunkline.platform.tls.SipTls#verifyServer}.
 */
package io.trunkline.platform.tls;
