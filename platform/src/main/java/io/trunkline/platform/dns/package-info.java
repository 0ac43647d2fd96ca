/**
 * RFC 3263 resolution of SIP targets, shared by both SIP services.
 *
 * <p>A service makes one {@link io.trunkline.platform.dns.SipResolver} from its {@link
 * io.trunkline.platform.dns.DnsSettings} at start-up and closes it on shutdown. For a trunk it
 * builds a {@link io.trunkline.platform.dns.SipLookup} from {@code host}, {@code port} (0 when the
 * trunk names none, so that SRV decides) and {@code transport}, or from the outbound proxy when one
 * is set, and tries the {@link io.trunkline.platform.dns.SipTarget}s in order: a target that times
 * out or answers 503 is skipped for the next one of the same trunk before the next route.
 *
 * <ul>
 *   <li>call-routing (Vert.x event loop): {@code resolver.cached(lookup)} on the call's path; on a
 *       miss, {@code resolver.resolve(lookup)} and continue on the call's context ({@code
 *       context.runOnContext}) when the stage completes.
 *   <li>registration (JAIN-SIP and its own scheduler threads): {@code resolve(lookup)} before each
 *       REGISTER/OPTIONS, and send to the first target; blocking on the stage is acceptable there.
 * </ul>
 *
 * <p>A lookup that fails completes normally with {@link
 * io.trunkline.platform.dns.SipResolution#failureReason()} {@code "dns"}: the trunk is unavailable
 * for routing with that reason, and the status carries it, until a later lookup succeeds.
 */
package io.trunkline.platform.dns;
