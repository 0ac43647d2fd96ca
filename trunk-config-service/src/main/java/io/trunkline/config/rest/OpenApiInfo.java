package io.trunkline.config.rest;

import io.trunkline.platform.problem.Problem;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** OpenAPI document header and the bearer API key scheme. */
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
                    description = "A static API key: Authorization: Bearer <key>"),
            // The problem+json answers every trunk and rule operation shares, referenced by name.
            responses = {
              @APIResponse(
                  name = "BadRequest",
                  responseCode = "400",
                  description = "Invalid request: one entry per bad field",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = "Unauthorized",
                  responseCode = "401",
                  description = "Missing or wrong API key",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = "Unavailable",
                  responseCode = "503",
                  description = "The database is not reachable",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = "NotFound",
                  responseCode = "404",
                  description = "No such id",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = "Conflict",
                  responseCode = "409",
                  description = "Duplicate name, still in use, or changed concurrently",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = "PreconditionFailed",
                  responseCode = "412",
                  description = "If-Match does not name the current version",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class)))
            }))
public class OpenApiInfo extends Application {}
