package dev.glasscart.catalog.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The product knowledge graph in memory: each product's outgoing edges, per relation heaviest
 * first. Immutable and thread-safe; {@link Live} holds the current one while a rebuild (when the
 * embeddings join) replaces it.
 */
public final class ProductGraph {
  public static final ProductGraph EMPTY = new ProductGraph(List.of());

  private final Map<String, List<Edge>> byFrom = new HashMap<>();
  private final int size;

  public ProductGraph(Collection<Edge> edges) {
    Map<String, List<Edge>> m = new HashMap<>();
    for (Edge e : edges) m.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
    Comparator<Edge> order = Comparator.comparing(Edge::relation).thenComparing(Comparator.comparingDouble(Edge::weight).reversed())
        .thenComparing(Edge::to);
    m.forEach((k, v) -> {
      v.sort(order);
      byFrom.put(k, List.copyOf(v));
    });
    this.size = edges.size();
  }

  /** Every edge from {@code productId}, grouped by relation, heaviest first within each. */
  public List<Edge> from(String productId) {
    return byFrom.getOrDefault(productId, List.of());
  }

  /** The edges of one relation from {@code productId}, heaviest first. */
  public List<Edge> from(String productId, Relation relation) {
    return from(productId).stream().filter(e -> e.relation() == relation).toList();
  }

  /** The edge of {@code relation} from {@code from} to {@code to}, or null. */
  public Edge edge(String from, String to, Relation relation) {
    for (Edge e : from(from)) if (e.relation() == relation && e.to().equals(to)) return e;
    return null;
  }

  /** Every edge, in no particular order. */
  public List<Edge> edges() {
    List<Edge> out = new ArrayList<>(size);
    byFrom.values().forEach(out::addAll);
    return out;
  }

  public int size() {
    return size;
  }

  /** The graph in use now; replaced whole when a rebuild finishes. Thread-safe. */
  public static final class Live {
    private final AtomicReference<ProductGraph> current = new AtomicReference<>(EMPTY);

    public ProductGraph get() {
      return current.get();
    }

    public void set(ProductGraph graph) {
      current.set(java.util.Objects.requireNonNull(graph, "graph"));
    }
  }
}
