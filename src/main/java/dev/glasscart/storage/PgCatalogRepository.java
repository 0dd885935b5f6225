package dev.glasscart.storage;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.CatalogRepository;
import dev.glasscart.catalog.Product;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.jackson.DatabindCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Optional;
import java.util.List;
import java.util.Objects;

/**
 * The catalog in the {@code products} table: one row per product, its record as {@code jsonb}
 * (our field names, see {@link Product}) and its import position; and in {@code catalog_source}
 * the {@link #digest} of a catalog stored whole, which every live upsert or delete removes in its
 * own transaction, so a start can tell that the stored catalog is exactly a file's.
 * Non-blocking; thread-safe.
 */
public final class PgCatalogRepository implements CatalogRepository {

  private static final String FORGET_DIGEST = "DELETE FROM catalog_source";
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

  /**
   * Deletes the old catalog and inserts the new one in one transaction, recording the new one's
   * {@link #digest} ({@link #storedDigest}); a failure changes nothing. The rows go in as arrays,
   * {@value #ROWS_PER_INSERT} to a statement ({@code unnest}), each product's JSON written once and
   * read by the digest too.
   */
  @Override
  public Future<Void> replaceAll(List<Product> products) {
    List<String> ids = new ArrayList<>(products.size());
    List<String> json = new ArrayList<>(products.size());
    String digest;
    try {
      digest = digest(products, ids, json);
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalStateException("cannot encode the catalog of " + products.size() + " products: "
          + e.getMessage(), e));
    }
    return pool.withTransaction(conn -> {
      Future<?> chain = conn.query("DELETE FROM products").execute();
      for (int from = 0; from < ids.size(); from += ROWS_PER_INSERT) {
        int start = from;
        int to = Math.min(ids.size(), from + ROWS_PER_INSERT);
        Integer[] positions = new Integer[to - from];
        for (int i = from; i < to; i++) positions[i - from] = i;
        chain = chain.compose(v -> conn.preparedQuery("INSERT INTO products (id, position, data, updated_at) "
            + "SELECT id, position, data::jsonb, now() FROM unnest($1::text[], $2::int[], $3::text[]) AS r(id, position, data)")
            .execute(Tuple.of(ids.subList(start, to).toArray(String[]::new), positions,
                json.subList(start, to).toArray(String[]::new))));
      }
      return chain.compose(v -> conn.preparedQuery("INSERT INTO catalog_source (id, digest, products, stored_at) "
          + "VALUES (1, $1, $2, now()) ON CONFLICT (id) DO UPDATE SET digest = EXCLUDED.digest, products = EXCLUDED.products, "
          + "stored_at = EXCLUDED.stored_at").execute(Tuple.of(digest, ids.size()))).<Void>mapEmpty();
    }).recover(e -> Future.failedFuture(new IllegalStateException(
        "cannot replace the catalog with " + products.size() + " products, old catalog kept: " + e.getMessage(), e)));
  }

  /** Rows per INSERT of {@link #replaceAll}: about a megabyte of JSON a statement. */
  static final int ROWS_PER_INSERT = 2000;

  /**
   * The digest a {@link #replaceAll} of {@code products} records: SHA-256 over each product's
   * stored JSON in catalog order (lengths included, so it is unambiguous). The same products in
   * the same order give the same digest; any change of a field, of the order or of the stored
   * form gives another.
   */
  public static String digest(List<Product> products) {
    return digest(products, null, null);
  }

  /**
   * The stored JSON's writer: Vert.x's own mapper (the one {@code JsonObject.mapFrom} uses) with map
   * entries in key order, since a product's attributes map iterates in an order that changes from
   * one JVM to the next ({@code Map.copyOf}); jsonb keeps no key order anyway.
   */
  private static final ObjectMapper CANONICAL = DatabindCodec.mapper().copy()
      .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** A product's JSON as {@link #replaceAll} stores it and {@link #digest} reads it: the same text in every JVM. */
  static String storedJson(Product p) {
    try {
      return CANONICAL.writeValueAsString(p);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("product " + p.id() + " cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  private static String digest(List<Product> products, List<String> ids, List<String> json) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ByteBuffer length = ByteBuffer.allocate(4);
    for (Product p : products) {
      String text = storedJson(p);
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      md.update(length.clear().putInt(bytes.length).array());
      md.update(bytes);
      if (ids != null) {
        ids.add(p.id());
        json.add(text);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * The {@link #digest} of the catalog stored now, when a full replacement stored it and no live
   * upsert or delete changed it since; empty otherwise.
   */
  public Future<Optional<String>> storedDigest() {
    return pool.query("SELECT digest FROM catalog_source WHERE id = 1").execute()
        .map(rows -> rows.size() == 0 ? Optional.<String>empty() : Optional.of(rows.iterator().next().getString(0)))
        .recover(e -> Future.failedFuture(new IllegalStateException("cannot read the stored catalog's digest: " + e.getMessage(), e)));
  }

  @Override
  public Future<Void> upsert(List<Product> products) {
    if (products.isEmpty()) return Future.succeededFuture();
    List<Tuple> tuples = new ArrayList<>(products.size());
    for (Product p : products) tuples.add(Tuple.of(p.id(), toJson(p)));
    return pool.withTransaction(conn -> {
      // the stored catalog is no longer a file's as it was stored whole
      Future<?> chain = conn.query(FORGET_DIGEST).execute();
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
    return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM products WHERE id = $1").execute(Tuple.of(id))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
            : conn.query(FORGET_DIGEST).execute().map(true)))
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
