/**
 * Secrets and randomness shared by every service.
 *
 * <ul>
 *   <li>{@link io.trunkline.platform.crypto.SecretCipher}: trunk passwords at rest and on {@code
 *       trunk.config.v1}. trunk-config encrypts, registration and call-routing decrypt, all with
 *       {@link io.trunkline.platform.crypto.AesGcmSecretCipher#fromBase64Key} of {@code
 *       trunkline.secrets.encryption-key}. A later key id or a binding of the token to its trunk id
 *       (the associated data) changes this package only.
 *   <li>{@link io.trunkline.platform.crypto.SecureRandoms}: every value an attacker must not guess.
 * </ul>
 */
package io.trunkline.platform.crypto;
