/**
 * The envelope of every topic value and the version rule.
 *
 * <p>Producers stamp {@link io.trunkline.platform.event.EventEnvelope} fields onto their values
 * (trunk-config's outbox writer, registration's status publisher). Consumers keep their own record
 * classes of other services' topics and let them implement {@link
 * io.trunkline.platform.event.Versioned}, so that "ignore a value older than the one held" is
 * written once.
 */
package io.trunkline.platform.event;
