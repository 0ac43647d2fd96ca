package io.trunkline.config.domain.provider;

import io.trunkline.config.domain.trunk.AuthMode;
import io.trunkline.config.domain.trunk.MediaEncryption;
import io.trunkline.config.domain.trunk.NumberFormat;
import io.trunkline.config.domain.trunk.Transport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Defaults a provider puts into a new trunk. Null means "no opinion": the service-wide default
 * applies. The request always wins over the template.
 */
@Schema(name = "ProviderTemplate", description = "A provider's defaults for new trunks")
public record ProviderTemplate(
    @Schema(description = "Template id, used as the trunk's provider", example = "twilio")
        String id,
    @Schema(description = "Display name", example = "Twilio Elastic SIP Trunking") String name,
    @Schema(
            description = "What the provider's SIP host looks like",
            example = "<name>.pstn.twilio.com")
        String hostPattern,
    @Schema(description = "Host filled in when the request has none (fixed-host providers)")
        String defaultHost,
    @Schema(description = "Default SIP port") Integer port,
    @Schema(description = "Default transport") Transport transport,
    @Schema(description = "Default authentication mode") AuthMode authMode,
    @Schema(description = "Default number format") NumberFormat numberFormat,
    @Schema(description = "Whether OPTIONS keep-alives are on by default") Boolean optionsPing,
    @Schema(description = "The provider needs a tech prefix: a trunk without one is rejected")
        boolean techPrefixRequired,
    @Schema(description = "Hints for the operator") String notes,
    @Schema(
            description =
                "The SRTP the provider documents: a trunk's mediaEncryption when it anchors media"
                    + " and sets none itself")
        MediaEncryption mediaEncryption) {}
