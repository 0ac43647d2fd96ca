package io.trunkline.routing.rest;

import io.trunkline.routing.service.StateStore;
import io.trunkline.routing.service.StateStore.HeldVersions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * Read-only: which trunks and rules this replica holds, by id and version, as built from the
 * compacted topics. The config service's reconciliation compares it with its database.
 */
@Path("/api/v1/routing/state")
@Produces(MediaType.APPLICATION_JSON)
public class RoutingStateResource {

  /** One held entity. */
  public record Held(String id, long version) {}

  /** The answer: loaded = the initial read of the topics is complete. */
  public record State(boolean loaded, List<Held> trunks, List<Held> rules) {}

  private final StateStore store;

  public RoutingStateResource(StateStore store) {
    this.store = store;
  }

  @GET
  public State state() {
    HeldVersions held = store.heldVersions();
    return new State(store.isLoaded(), list(held.trunks()), list(held.rules()));
  }

  private static List<Held> list(Map<String, Long> versions) {
    return versions.entrySet().stream().map(e -> new Held(e.getKey(), e.getValue())).toList();
  }
}
