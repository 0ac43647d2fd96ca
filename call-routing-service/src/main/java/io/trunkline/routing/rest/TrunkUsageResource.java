package io.trunkline.routing.rest;

import io.trunkline.routing.service.StateStore;
import io.trunkline.routing.service.Trunk;
import io.trunkline.routing.service.TrunkBreakers;
import io.trunkline.routing.service.TrunkDestinations;
import io.trunkline.routing.service.TrunkTargets;
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
 * state (CLOSED, OPEN: routes skip the trunk, HALF_OPEN: the next call may try it once). For a
 * trunk named by a domain: the addresses its last DNS lookup gave, in the order calls try them, or
 * {@code dns: "dns"} with the failure when it did not resolve (routes skip it meanwhile).
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
      String circuit,
      String dns,
      String dnsDetail,
      List<String> addresses) {}

  private final StateStore store;
  private final TrunkUsage usage;
  private final TrunkBreakers breakers;
  private final TrunkDestinations destinations;

  public TrunkUsageResource(
      StateStore store, TrunkUsage usage, TrunkBreakers breakers, TrunkDestinations destinations) {
    this.store = store;
    this.usage = usage;
    this.breakers = breakers;
    this.destinations = destinations;
  }

  @GET
  public List<Usage> list() {
    List<Usage> out = new ArrayList<>();
    for (Trunk t : store.snapshot().trunks().values()) {
      TrunkTargets dns = destinations.lastKnown(t);
      out.add(
          new Usage(
              t.id(),
              t.name(),
              usage.active(t.id()),
              t.maxConcurrentCalls(),
              usage.callsPerSecond(t.id()),
              t.maxCallsPerSecond(),
              breakers.state(t.id()).name(),
              dns == null ? null : dns.failureReason(),
              dns == null ? null : dns.detail(),
              dns == null ? null : addresses(dns)));
    }
    out.sort(Comparator.comparing(Usage::trunkName));
    return out;
  }

  private static List<String> addresses(TrunkTargets dns) {
    return dns.targets().stream()
        .map(a -> a.transport() + " " + a.address() + ":" + a.port())
        .toList();
  }
}
