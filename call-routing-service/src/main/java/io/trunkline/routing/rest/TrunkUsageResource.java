package io.trunkline.routing.rest;

import io.trunkline.routing.service.StateStore;
import io.trunkline.routing.service.Trunk;
import io.trunkline.routing.service.TrunkBreakers;
import io.trunkline.routing.service.TrunkUsage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Live usage per trunk: active calls, calls started in the last second, and the circuit breaker's
 * state (CLOSED, OPEN: routes skip the trunk, HALF_OPEN: the next call may try it once).
 */
@Path("/api/v1/trunk-usage")
@Produces(MediaType.APPLICATION_JSON)
public class TrunkUsageResource {

  /** Usage of one trunk. */
  public record Usage(
      String trunkId,
      String trunkName,
      int activeCalls,
      int maxConcurrentCalls,
      int callsPerSecond,
      int maxCallsPerSecond,
      String circuit) {}

  private final StateStore store;
  private final TrunkUsage usage;
  private final TrunkBreakers breakers;

  public TrunkUsageResource(StateStore store, TrunkUsage usage, TrunkBreakers breakers) {
    this.store = store;
    this.usage = usage;
    this.breakers = breakers;
  }

  @GET
  public List<Usage> list() {
    List<Usage> out = new ArrayList<>();
    for (Trunk t : store.snapshot().trunks().values()) {
      out.add(
          new Usage(
              t.id(),
              t.name(),
              usage.active(t.id()),
              t.maxConcurrentCalls(),
              usage.callsPerSecond(t.id()),
              t.maxCallsPerSecond(),
              breakers.state(t.id()).name()));
    }
    out.sort(Comparator.comparing(Usage::trunkName));
    return out;
  }
}
