/**
 * Kafka client settings every service applies to the clients it builds by hand: {@link
 * io.trunkline.platform.kafka.KafkaClientSecurity} (TLS, SASL/SCRAM from {@code
 * trunkline.kafka.security.*}). Glue: {@code kafka.config.KafkaSecurityBeans} makes it a bean from
 * the service's configuration.
 */
package io.trunkline.platform.kafka;
