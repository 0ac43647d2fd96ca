package io.trunkline.config.rest;

import io.smallrye.common.annotation.Blocking;
import io.trunkline.config.service.Reconciliation;
import io.trunkline.config.service.ReconciliationReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The reconciliation check and its repair: thin HTTP mapping onto {@link Reconciliation}. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reconciliation", description = "Database, topics and call-routing compared")
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "503", ref = "Unavailable")
public class ReconciliationResource {

  private final Reconciliation reconciliation;

  public ReconciliationResource(Reconciliation reconciliation) {
    this.reconciliation = reconciliation;
  }

  @GET
  @Path("/reconciliation")
  @Blocking
  @Operation(
      summary = "Compare database, topics and call-routing",
      description =
          "Reads every trunk and rule version from PostgreSQL, the last record per key of"
              + " trunk.config.v1 and routing.rules.v1, and call-routing's held state; lists the"
              + " keys where they disagree. Changes still in the outbox are not differences.")
  @APIResponse(
      responseCode = "200",
      description = "The report; differences is empty when all agree")
  public ReconciliationReport report() {
    return reconciliation.report();
  }

  @POST
  @Path("/reconciliation/repair")
  @Blocking
  @Operation(
      summary = "Publish the differing keys again",
      description =
          "For every confirmed difference, writes the key's current state (or a tombstone when it"
              + " no longer exists) to the outbox again; the relay publishes it and call-routing"
              + " picks it up from the topic. Run the report afterwards to see the result.")
  @APIResponse(responseCode = "200", description = "What was published again")
  public ReconciliationReport.Repair repair() {
    return reconciliation.repair();
  }
}
