package io.trunkline.routing.rest;

import io.trunkline.routing.service.StateStore;
import io.trunkline.routing.service.Trunk;
import io.trunkline.routing.service.TrunkUsage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Live usage per trunk: active calls and calls started in the last second. */
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
      int maxCallsPerSecond) {}

  private final StateStore store;
  private final TrunkUsage usage;

  public TrunkUsageResource(StateStore store, TrunkUsage usage) {
    this.store = store;
    this.usage = usage;
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
              t.maxCallsPerSecond()));
    }
    out.sort(Comparator.comparing(Usage::trunkName));
    return out;
  }
}
