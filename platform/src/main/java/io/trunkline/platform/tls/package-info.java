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
 * network layer for every client socket and then starts the handshake itself. The service puts a
 * {@code gov.nist.core.net.NetworkLayer} of its own into the stack (JAIN-SIP's {@code
 * NETWORK_LAYER} property loads classes through its own class loader, which in Quarkus cannot see
 * the service's) whose {@code createSSLSocket(address, port, local)} returns {@link
 * io.trunkline.platform.tls.SipTls#clientSocket} for the server name and verify flag recorded for
 * that address before the request was sent; plain sockets as JAIN-SIP's {@code
 * DefaultNetworkLayer}. {@code gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS} and {@code
 * ENABLED_CIPHER_SUITES} list {@link io.trunkline.platform.tls.SipTls#protocols()} and {@link
 * io.trunkline.platform.tls.SipTls#cipherSuites()}, which JAIN-SIP sets on each socket again.
 * JAIN-SIP's NIO TLS transport creates its engines without a peer host (no SNI, no name check in
 * the handshake); a service on it would check after the handshake instead, in its {@code
 * gov.nist.javax.sip.TLS_SECURITY_POLICY}, with {@link
 * io.trunkline.platform.tls.SipTls#verifyServer}.
 *
 * <p><b>Settings.</b> {@link io.trunkline.platform.tls.config.SipTlsConfig} maps the {@code
 * trunkline.sip.tls.*} keys once for both services.
 */
package io.trunkline.platform.tls;
