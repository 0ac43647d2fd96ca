package io.trunkline.e2e;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Trunks and rules of one test class, named and prefixed so that runs never collide. */
final class Fixtures {

  /**
   * Where trunks that a test only configures (it never calls them) point: a loopback port no
   * Trunkline service uses. Not 5060: that is call-routing's own SIP address, which the config API
   * refuses, since every call routed to such a trunk would come straight back into call-routing.
   */
  static final int IDLE_TRUNK_PORT = 5999;

  /** The body of an IP trunk that a test only configures, pointing at {@link #IDLE_TRUNK_PORT}. */
  static Map<String, Object> idleIpTrunk(String name) {
    return Map.of("name", name, "host", "127.0.0.1", "port", IDLE_TRUNK_PORT, "authMode", "IP");
  }

  final String run = UUID.randomUUID().toString().substring(0, 8);
  final String prefix = uniquePrefix();

  /**
   * "0" and eight random digits: nine digits in all, the most a route can strip. Every e2e test
   * class routes its calls by a prefix of its own; with only three random digits two classes of one
   * run shared a prefix now and then (same priority, so one class's calls went to the other's
   * trunk). Eight digits make that a one-in-a-hundred-million event.
   */
  static String uniquePrefix() {
    return "0"
        + String.format(
            "%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
  }

  /** An IP-authenticated trunk to a SIPp provider. */
  String ipTrunk(String name, Sipp provider) {
    return Api.createTrunk(
        Map.of(
            "name", name + "-" + run,
            "host", "127.0.0.1",
            "port", provider.port,
            "transport", "UDP",
            "authMode", "IP"));
  }

  /** A REGISTER trunk to a SIPp provider that is also its registrar. */
  String registerTrunk(String name, Sipp provider, String password) {
    return Api.createTrunk(
        Map.of(
            "name",
            name + "-" + run,
            "host",
            "127.0.0.1",
            "port",
            provider.port,
            "transport",
            "UDP",
            "authMode",
            "REGISTER",
            "username",
            "2001",
            "password",
            password,
            "registerExpires",
            60));
  }

  /** A rule for this run's prefix: strip it, prepend the given digits, route to the trunks. */
  String rule(String prepend, String... trunkIds) {
    List<Map<String, Object>> routes =
        java.util.Arrays.stream(trunkIds)
            .map(
                id ->
                    Map.<String, Object>of(
                        "trunkId", id, "stripDigits", prefix.length(), "prepend", prepend))
            .toList();
    return Api.createRule(
        Map.of(
            "name",
            "rule-" + run,
            "priority",
            10,
            "match",
            Map.of("prefixes", List.of(prefix)),
            "routes",
            routes));
  }

  String dialled(String rest) {
    return prefix + rest;
  }
}
