package dev.glasscart.storage;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.CatalogRepository;
import dev.glasscart.catalog.Product;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The catalog in the {@code products} table: one row per product, its record as {@code jsonb}
 * (our field names, see {@link Product}) and its import position. Non-blocking; thread-safe.
 */
public final class PgCatalogRepository implements CatalogRepository {

  private final Pool pool;

  public PgCatalogRepository(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
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
        "INSERT INTO products (id, position, data, updated_at) VALUES ($1, $2, $3, now())", tuples).recover(e -> Future.failedFuture(new IllegalStateException(
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
      return chain.<Void>mapEmpty();
    }).recover(e -> Future.failedFuture(new IllegalStateException(
        "cannot store " + products.size() + " products, nothing changed: " + e.getMessage(), e)));
  }

  @Override
  public Future<Boolean> delete(String id) {
    return pool.preparedQuery("DELETE FROM products WHERE id = $1").execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0)
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
