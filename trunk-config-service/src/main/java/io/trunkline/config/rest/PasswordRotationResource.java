package io.trunkline.config.rest;

import io.smallrye.mutiny.Uni;
import io.trunkline.config.service.PasswordRotation;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Re-encrypts stored passwords with the current key on demand (it also runs at every start): the
 * step after a new key was made current and before the old one is dropped from every service.
 */
@Path("/api/v1/secrets/reencrypt")
public class PasswordRotationResource {

  private final PasswordRotation rotation;

  public PasswordRotationResource(PasswordRotation rotation) {
    this.rotation = rotation;
  }

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<PasswordRotation.Result> reencrypt() {
    return rotation.reencryptAll();
  }
}
