package dev.glasscart.storage;

import dev.glasscart.catalog.graph.Edge;
import dev.glasscart.catalog.graph.GraphBuilder;
import dev.glasscart.catalog.graph.ProductGraph;
import dev.glasscart.catalog.graph.Relation;
import dev.glasscart.catalog.graph.RelationStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The product graph ({@link RelationStore}) in the {@code product_relations} table (relation, from, to, reason, weight),
 * and the pairs of products shoppers liked together, read from {@code feedback}. Non-blocking;
 * thread-safe.
 */
public final class PgRelationRepository implements RelationStore {

  private static final String LIKED_TOGETHER = """
      SELECT least(a.product_id, b.product_id) AS x, greatest(a.product_id, b.product_id) AS y,
        count(DISTINCT a.conversation_id)::int AS n
      FROM feedback a JOIN feedback b ON a.conversation_id = b.conversation_id AND a.product_id < b.product_id
      WHERE a.helpful AND b.helpful AND a.product_id IS NOT NULL AND b.product_id IS NOT NULL
        AND a.reason IS NULL AND b.reason IS NULL
      GROUP BY 1, 2 HAVING count(DISTINCT a.conversation_id) >= $1""";

  private final Pool pool;

  public PgRelationRepository(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  /** Replaces every stored edge with {@code graph}'s in one transaction; a failure changes nothing. */
  public Future<Void> replaceAll(ProductGraph graph) {
    List<Tuple> rows = new ArrayList<>(graph.size());
    for (Edge e : graph.edges()) rows.add(Tuple.of(e.relation().wire(), e.from(), e.to(), e.reason(), e.weight()));
    return Batches.replaceAll(pool, "DELETE FROM product_relations",
        "INSERT INTO product_relations (relation, from_id, to_id, reason, weight) VALUES ($1, $2, $3, $4, $5)", rows).recover(e -> Future.failedFuture(new IllegalStateException(
        "cannot store the product graph (" + rows.size() + " edges), the old one is kept: " + e.getMessage(), e)));
  }

  @Override
  public Future<List<Related>> related(String productId) {
    return pool.preparedQuery("""
            SELECT r.relation, r.to_id, p.data->>'title' AS title, r.reason, r.weight
            FROM product_relations r JOIN products p ON p.id = r.to_id
            WHERE r.from_id = $1""")
        .execute(Tuple.of(productId)).map(rows -> {
          List<Edge> edges = new ArrayList<>();
          Map<String, String> titles = new HashMap<>();
          for (Row r : rows) {
            Relation relation = Relation.ofWire(r.getString("relation")).orElse(null);
            if (relation == null) continue; // a relation this version does not know
            edges.add(new Edge(relation, productId, r.getString("to_id"), r.getString("reason"), r.getDouble("weight")));
            titles.put(r.getString("to_id"), r.getString("title"));
          }
          List<Related> out = new ArrayList<>(edges.size());
          for (Edge e : new ProductGraph(edges).from(productId)) {
            out.add(new Related(e.relation(), e.to(), titles.get(e.to()), e.reason(), e.weight()));
          }
          return out;
        });
  }

  /** How many edges are stored. */
  public Future<Integer> count() {
    return pool.query("SELECT count(*)::int FROM product_relations").execute().map(rows -> rows.iterator().next().getInteger(0));
  }

  /**
   * Pairs of products given a thumbs up (not a "wrong reason" flag) in the same conversation, in at
   * least {@link GraphBuilder#MIN_LIKED_TOGETHER} conversations.
   */
  public Future<List<GraphBuilder.LikedPair>> likedTogether() {
    return pool.preparedQuery(LIKED_TOGETHER).execute(Tuple.of(GraphBuilder.MIN_LIKED_TOGETHER)).map(rows -> {
      List<GraphBuilder.LikedPair> out = new ArrayList<>();
      for (Row r : rows) out.add(new GraphBuilder.LikedPair(r.getString("x"), r.getString("y"), r.getInteger("n")));
      return out;
    });
  }
}
