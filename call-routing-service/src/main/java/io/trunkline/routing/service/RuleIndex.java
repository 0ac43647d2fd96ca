package io.trunkline.routing.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An immutable digit trie over the rules' prefixes. Each node holds the rules having exactly that
 * prefix, sorted by priority and age, so a lookup walks the dialled number once and checks only the
 * rules whose prefix matches: the first rule that passes its other conditions is the node's best,
 * and a deeper node wins ties in priority (longest prefix). Rules without prefixes sit at the root.
 * Built once per change and swapped atomically; lookups never lock.
 */
public final class RuleIndex {

  /** The winning rule and the length of the prefix it matched by. */
  public record Match(CompiledRule rule, int prefixLength) {}

  private static final CompiledRule[] NONE = new CompiledRule[0];
  private static final RuleIndex EMPTY = build(List.of());

  private final Node root;
  private final int size;

  private static final class Node {
    Node[] children;
    CompiledRule[] rules = NONE;
    List<CompiledRule> pending;
  }

  private RuleIndex(Node root, int size) {
    this.root = root;
    this.size = size;
  }

  /** The index without rules. */
  public static RuleIndex empty() {
    return EMPTY;
  }

  /** Compiles an index; the rules given must be enabled. */
  public static RuleIndex build(Collection<CompiledRule> rules) {
    Node root = new Node();
    List<Node> touched = new ArrayList<>();
    for (CompiledRule r : rules) {
      if (r.prefixes().isEmpty()) {
        add(root, r, touched);
        continue;
      }
      for (String p : r.prefixes()) {
        Node n = root;
        boolean valid = true;
        for (int i = 0; i < p.length() && valid; i++) {
          int s = symbol(p.charAt(i));
          if (s < 0) {
            valid = false;
            break;
          }
          if (n.children == null) {
            n.children = new Node[SYMBOLS];
          }
          if (n.children[s] == null) {
            n.children[s] = new Node();
          }
          n = n.children[s];
        }
        if (valid) {
          add(n, r, touched);
        }
      }
    }
    for (Node n : touched) {
      n.pending.sort(CompiledRule::compareAge);
      n.rules = n.pending.stream().distinct().toArray(CompiledRule[]::new);
      n.pending = null;
    }
    return new RuleIndex(root, rules.size());
  }

  private static void add(Node n, CompiledRule r, List<Node> touched) {
    if (n.pending == null) {
      n.pending = new ArrayList<>(2);
      touched.add(n);
    }
    n.pending.add(r);
  }

  /** Number of rules in the index. */
  public int size() {
    return size;
  }

  /** The best rule for the call, or null when none matches. */
  public Match lookup(String caller, String dialled, Instant now) {
    CompiledRule best = null;
    int bestDepth = 0;
    Node n = root;
    int depth = 0;
    while (true) {
      for (CompiledRule r : n.rules) {
        if (best != null && r.priority() > best.priority()) {
          break; // sorted: nothing better in this node
        }
        if (r.matchesRest(caller, dialled, now)) {
          // A deeper node is only visited later, so at equal priority it is the longer prefix.
          if (best == null || r.priority() < best.priority() || depth > bestDepth) {
            best = r;
            bestDepth = depth;
          }
          break;
        }
      }
      if (depth == dialled.length() || n.children == null) {
        break;
      }
      int s = symbol(dialled.charAt(depth));
      if (s < 0 || n.children[s] == null) {
        break;
      }
      n = n.children[s];
      depth++;
    }
    return best == null ? null : new Match(best, bestDepth);
  }

  private static final int SYMBOLS = 13;

  private static int symbol(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    return switch (c) {
      case '*' -> 10;
      case '#' -> 11;
      case '+' -> 12;
      default -> -1;
    };
  }
}
