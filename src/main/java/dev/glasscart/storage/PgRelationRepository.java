package dev.glasscart.storage;

import dev.glasscart.catalog.graph.Edge;
import dev.glasscart.catalog.graph.GraphBuilder;
import dev.glasscart.catalog.graph.ProductGraph;
import dev.glasscart.catalog.graph.Relation;
import dev.glasscart.catalog.graph.RelationStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
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

  /**
   * Replaces every stored edge with {@code graph}'s in one transaction; a failure changes nothing.
   * What it was built from is forgotten ({@link #storedSource} empty).
   */
  public Future<Void> replaceAll(ProductGraph graph) {
    return replaceAll(graph, null);
  }

  /**
   * {@link #replaceAll(ProductGraph)}, recording in the same transaction that the graph was built
   * from {@code source} (null: unknown), so that a later start with the same source can
   * {@link #load} it instead of building it again.
   */
  public Future<Void> replaceAll(ProductGraph graph, GraphBuilder.Source source) {
    List<Tuple> rows = new ArrayList<>(graph.size());
    for (Edge e : graph.edges()) rows.add(Tuple.of(e.relation().wire(), e.from(), e.to(), e.reason(), e.weight()));
    return Batches.replaceAll(pool, "DELETE FROM product_relations",
        "INSERT INTO product_relations (relation, from_id, to_id, reason, weight) VALUES ($1, $2, $3, $4, $5)", rows,
        conn -> conn.query("DELETE FROM product_graph_source").execute().compose(v -> source == null ? Future.succeededFuture()
            : conn.preparedQuery("INSERT INTO product_graph_source (id, catalog_key, fingerprint, edges) VALUES (1, $1, $2, $3)")
                .execute(Tuple.of(source.catalogKey(), source.fingerprint(), rows.size()))))
        .recover(e -> Future.failedFuture(new IllegalStateException(
            "cannot store the product graph (" + rows.size() + " edges), the old one is kept: " + e.getMessage(), e)));
  }

  /** What the stored graph was built from, when the last {@link #replaceAll(ProductGraph, GraphBuilder.Source)} said. */
  public Future<java.util.Optional<GraphBuilder.Source>> storedSource() {
    return pool.query("SELECT catalog_key, fingerprint FROM product_graph_source WHERE id = 1").execute().map(rows -> {
      java.util.Iterator<Row> it = rows.iterator();
      if (!it.hasNext()) return java.util.Optional.<GraphBuilder.Source>empty();
      Row r = it.next();
      return java.util.Optional.of(new GraphBuilder.Source(r.getString(0), r.getString(1)));
    });
  }

  /** Rows read per round trip by {@link #load}: each chunk is decoded as one event-loop task, kept short. */
  private static final int LOAD_CHUNK = 5_000;

  /**
   * The stored graph whole, with what it was built from, read in one transaction so the two
   * match; empty when no source is recorded. The rows come in chunks through a cursor (no long
   * event-loop task); {@link Stored#graph} turns them into the graph on the caller's thread.
   */
  public Future<java.util.Optional<Stored>> load() {
    return pool.withTransaction(conn -> conn.query("SELECT catalog_key, fingerprint FROM product_graph_source WHERE id = 1")
        .execute().compose(src -> {
          java.util.Iterator<Row> it = src.iterator();
          if (!it.hasNext()) return Future.succeededFuture(java.util.Optional.<Stored>empty());
          Row s = it.next();
          GraphBuilder.Source source = new GraphBuilder.Source(s.getString(0), s.getString(1));
          return conn.prepare("SELECT relation, from_id, to_id, reason, weight FROM product_relations")
              .compose(pq -> readAll(pq.cursor(), new ArrayList<>()).eventually(pq::close))
              .map(chunks -> java.util.Optional.of(new Stored(chunks, source)));
        }));
  }

  private static Future<List<RowSet<Row>>> readAll(Cursor cursor, List<RowSet<Row>> into) {
    return cursor.read(LOAD_CHUNK).compose(rows -> {
      into.add(rows);
      return cursor.hasMore() ? readAll(cursor, into) : cursor.close().map(into);
    });
  }

  /** A stored graph as read ({@link #graph} builds it) and what it was built from. */
  public static final class Stored {
    private final List<RowSet<Row>> chunks;
    private final GraphBuilder.Source source;

    private Stored(List<RowSet<Row>> chunks, GraphBuilder.Source source) {
      this.chunks = chunks;
      this.source = source;
    }

    public GraphBuilder.Source source() {
      return source;
    }

    /** The graph of the rows read (relations this version does not know left out). CPU: call it off the event loop. */
    public ProductGraph graph() {
      int n = 0;
      for (RowSet<Row> c : chunks) n += c.size();
      List<Edge> edges = new ArrayList<>(n);
      for (RowSet<Row> c : chunks) {
        for (Row r : c) {
          Relation relation = Relation.ofWire(r.getString(0)).orElse(null);
          if (relation == null) continue;
          edges.add(new Edge(relation, r.getString(1), r.getString(2), r.getString(3), r.getDouble(4)));
        }
      }
      return new ProductGraph(edges);
    }
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
