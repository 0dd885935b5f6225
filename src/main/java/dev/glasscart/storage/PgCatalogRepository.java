package dev.glasscart.storage;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.CatalogRepository;
import dev.glasscart.catalog.Product;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The catalog in the {@code products} table: one row per product, its record as {@code jsonb}
 * (our field names, see {@link Product}) and its import position. Every change also takes the
 * next catalog version (the {@code catalog_version} row, locked until commit, so versions follow
 * commit order), is listed in {@code catalog_changes} with its origin and product ids, and is
 * announced with {@code NOTIFY} on {@link #CHANNEL} (payload: the version), all in its own
 * transaction: a server that LISTENs learns of it once it is committed, one that was not listening
 * finds it by version. The last {@link #CHANGES_KEPT} changes are kept. Non-blocking; thread-safe.
 */
public final class PgCatalogRepository implements CatalogRepository {
  /** The channel every catalog change is announced on. */
  public static final String CHANNEL = "glasscart_catalog";
  /** Changes kept in {@code catalog_changes}; a server further behind reloads the whole catalog. */
  static final int CHANGES_KEPT = 10_000;

  private static final String RECORD_CHANGE = "WITH v AS (UPDATE catalog_version SET version = version + 1 RETURNING version), "
      + "c AS (INSERT INTO catalog_changes (version, origin, upserted, deleted, full_import) "
      + "SELECT version, $1, $2, $3, $4 FROM v RETURNING version), "
      + "old AS (DELETE FROM catalog_changes WHERE version <= (SELECT version FROM v) - $5) "
      + "SELECT version, pg_notify('" + CHANNEL + "', version::text) FROM c";

  private final Pool pool;
  private final String origin;

  /** A repository whose changes are by a new origin (one per running server). */
  public PgCatalogRepository(Pool pool) {
    this(pool, java.util.UUID.randomUUID().toString());
  }

  public PgCatalogRepository(Pool pool, String origin) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  @Override
  public String origin() {
    return origin;
  }

  /** Numbers, lists and announces a change, in {@code conn}'s transaction. */
  private Future<Long> recordChange(SqlConnection conn, List<String> upserted, List<String> deleted, boolean fullImport) {
    return conn.preparedQuery(RECORD_CHANGE)
        .execute(Tuple.of(origin, upserted.toArray(new String[0]), deleted.toArray(new String[0]), fullImport, CHANGES_KEPT))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<Long> version() {
    return pool.query("SELECT version FROM catalog_version").execute().map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<List<Change>> changesSince(long version) {
    return pool.preparedQuery("SELECT version, origin, upserted, deleted, full_import FROM catalog_changes "
        + "WHERE version > $1 ORDER BY version").execute(Tuple.of(version)).map(rows -> {
          List<Change> out = new ArrayList<>(rows.size());
          for (Row r : rows) {
            out.add(new Change(r.getLong("version"), r.getString("origin"), List.of(r.getArrayOfStrings("upserted")),
                List.of(r.getArrayOfStrings("deleted")), r.getBoolean("full_import")));
          }
          return out;
        });
  }

  @Override
  public Future<List<Product>> products(java.util.Collection<String> ids) {
    if (ids.isEmpty()) return Future.succeededFuture(List.of());
    return pool.preparedQuery("SELECT data FROM products WHERE id = ANY($1) ORDER BY position")
        .execute(Tuple.of((Object) ids.toArray(new String[0]))).map(rows -> {
          List<Product> out = new ArrayList<>(rows.size());
          for (Row row : rows) out.add(fromJson(row.getJsonObject("data")));
          return out;
        }).recover(e -> Future.failedFuture(new IllegalStateException("cannot read " + ids.size() + " products: " + e.getMessage(), e)));
  }

  @Override
  public Future<Catalog> load() {
    return pool.query("SELECT data FROM products ORDER BY position").execute().map(rows -> {
      List<Product> products = new ArrayList<>(rows.size());
      for (Row row : rows) products.add(fromJson(row.getJsonObject("data")));
      return new Catalog(products);
    }).recover(e -> Future.failedFuture(new IllegalStateException("cannot load the catalog: " + e.getMessage(), e)));
  }

  /** Deletes the old catalog and inserts the new one in one transaction; a failure changes nothing. */
  @Override
  public Future<Void> replaceAll(List<Product> products) {
    List<Tuple> tuples = new ArrayList<>(products.size());
    for (int i = 0; i < products.size(); i++) {
      Product p = products.get(i);
      tuples.add(Tuple.of(p.id(), i, toJson(p)));
    }
    return Batches.replaceAll(pool, "DELETE FROM products",
        "INSERT INTO products (id, position, data, updated_at) VALUES ($1, $2, $3, now())", tuples,
        conn -> recordChange(conn, List.of(), List.of(), true)).recover(e -> Future.failedFuture(new IllegalStateException(
        "cannot replace the catalog with " + products.size() + " products, old catalog kept: " + e.getMessage(), e)));
  }

  @Override
  public Future<Void> upsert(List<Product> products) {
    if (products.isEmpty()) return Future.succeededFuture();
    List<Tuple> tuples = new ArrayList<>(products.size());
    for (Product p : products) tuples.add(Tuple.of(p.id(), toJson(p)));
    return pool.withTransaction(conn -> {
      Future<?> chain = Future.succeededFuture();
      for (int from = 0; from < tuples.size(); from += Batches.SIZE) {
        List<Tuple> batch = tuples.subList(from, Math.min(tuples.size(), from + Batches.SIZE));
        // each statement of the batch sees the rows the ones before it added, so new rows get successive positions
        chain = chain.compose(v -> conn.preparedQuery("INSERT INTO products (id, position, data, updated_at) "
            + "VALUES ($1, (SELECT coalesce(max(position), -1) + 1 FROM products), $2, now()) "
            + "ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, updated_at = now()").executeBatch(batch));
      }
      return chain.compose(v -> recordChange(conn, products.stream().map(Product::id).toList(), List.of(), false)).<Void>mapEmpty();
    }).recover(e -> Future.failedFuture(new IllegalStateException(
        "cannot store " + products.size() + " products, nothing changed: " + e.getMessage(), e)));
  }

  @Override
  public Future<Boolean> delete(String id) {
    return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM products WHERE id = $1").execute(Tuple.of(id))
            .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
                : recordChange(conn, List.of(), List.of(id), false).map(true)))
        .recover(e -> Future.failedFuture(new IllegalStateException("cannot delete product " + id + ": " + e.getMessage(), e)));
  }

  @Override
  public Future<Integer> count() {
    return pool.query("SELECT count(*) FROM products").execute().map(rows -> rows.iterator().next().getInteger(0))
        .recover(e -> Future.failedFuture(new IllegalStateException("cannot count the catalog: " + e.getMessage(), e)));
  }

  /** The stored JSON form of a product (our field names). */
  static JsonObject toJson(Product p) {
    return JsonObject.mapFrom(p);
  }

  static Product fromJson(JsonObject json) {
    return json.mapTo(Product.class);
  }
}
