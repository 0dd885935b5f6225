package dev.glasscart.catalog.graph;

import java.util.Objects;

/**
 * One edge of the product graph: {@code to} is related to {@code from} by {@code relation}, for
 * {@code reason} (shopper-readable, built from catalog facts: "also by Merrell", "$12.00 less, also
 * a leather hiking boot"), with a {@code weight} that orders a product's edges of one relation
 * (larger first). Edges are directed: every edge is stored from the product it is about.
 */
public record Edge(Relation relation, String from, String to, String reason, double weight) {

  public Edge {
    Objects.requireNonNull(relation, "relation");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(reason, "reason");
    if (from.equals(to)) throw new IllegalArgumentException("an edge from " + from + " to itself");
    if (!Double.isFinite(weight)) throw new IllegalArgumentException("illegal edge weight " + weight);
  }
}
