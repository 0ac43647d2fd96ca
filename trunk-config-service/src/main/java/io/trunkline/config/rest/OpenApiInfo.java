package io.trunkline.config.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * OpenAPI document header and the bearer API key scheme. The problem+json answers the operations
 * share (BadRequest, NotFound, ...) and the trunk and rule collections' operations are data in
 * {@code META-INF/openapi.yaml}, merged in at build.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Trunkline trunk-config-service",
            version = "1",
            description =
                "SIP trunks, outbound rules and provider templates. Changes are published to"
                    + " Kafka (trunk.config.v1, routing.rules.v1) through a transactional outbox."),
    components =
        @Components(
            securitySchemes =
                @SecurityScheme(
                    securitySchemeName = "apiKey",
                    type = SecuritySchemeType.HTTP,
                    scheme = "bearer",
                    description = "A static API key: Authorization: Bearer <key>")))
public class OpenApiInfo extends Application {}
