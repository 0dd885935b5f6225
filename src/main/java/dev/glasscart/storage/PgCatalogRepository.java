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
 * own transaction, so a start can tell that the stored catalog is exactly a file's. Every change
 * also takes the next catalog version (the {@code catalog_version} row, locked until commit, so
 * versions follow commit order), is listed in {@code catalog_changes} with its origin and product
 * ids, and is announced with {@code NOTIFY} on {@link #CHANNEL} (payload: the version), all in its
 * own transaction: a server that LISTENs learns of it once it is committed, one that was not
 * listening finds it by version. The last {@link #CHANGES_KEPT} changes are kept. Non-blocking;
 * thread-safe.
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

  private static final String FORGET_DIGEST = "DELETE FROM catalog_source";
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

  /**
   * Deletes the old catalog and inserts the new one in one transaction, recording the new one's
   * {@link #digest} ({@link #storedDigest}); a failure changes nothing. The rows go in as arrays,
   * {@value #ROWS_PER_INSERT} to a statement ({@code unnest}), each product's JSON written once and
   * read by the digest too.
   */
  @Override
  public Future<Void> replaceAll(List<Product> products) {
    Encoded encoded;
    try {
      encoded = encode(products);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return replaceAll(encoded);
  }

  /**
   * A catalog as {@link #replaceAll} stores it: each product's stored JSON, in order, and their
   * {@link #digest}. Made by {@link #encode} (CPU work: call it off the event loops).
   */
  public record Encoded(List<String> ids, List<String> json, String digest) {
    public Encoded {
      ids = List.copyOf(ids);
      json = List.copyOf(json);
      if (ids.size() != json.size()) throw new IllegalArgumentException(ids.size() + " ids, " + json.size() + " rows");
      Objects.requireNonNull(digest, "digest");
    }
  }

  /** {@code products} encoded as stored, with their digest: one pass of JSON for both. Blocking (CPU). */
  public static Encoded encode(List<Product> products) {
    List<String> ids = new ArrayList<>(products.size());
    List<String> json = new ArrayList<>(products.size());
    try {
      String digest = digest(products, ids, json);
      return new Encoded(ids, json, digest);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot encode the catalog of " + products.size() + " products: " + e.getMessage(), e);
    }
  }

  /** {@link #replaceAll(List)} of a catalog already {@link #encode encoded}. Non-blocking. */
  public Future<Void> replaceAll(Encoded encoded) {
    List<String> ids = encoded.ids();
    List<String> json = encoded.json();
    String digest = encoded.digest();
    int count = ids.size();
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
          + "stored_at = EXCLUDED.stored_at").execute(Tuple.of(digest, ids.size())))
          .compose(v -> recordChange(conn, List.of(), List.of(), true)).<Void>mapEmpty();
    }).recover(e -> Future.failedFuture(new IllegalStateException(
        "cannot replace the catalog with " + count + " products, old catalog kept: " + e.getMessage(), e)));
  }

  /** Rows per INSERT of {@link #replaceAll}: about a megabyte of JSON a statement. */
  static final int ROWS_PER_INSERT = 2000;

  /**
   * The digest a {@link #replaceAll} of {@code products} records: SHA-256 over each product's
   * stored JSON in catalog order (lengths included, so it is unambiguous). The same products in
   * the same order give the same digest; any change of a field, of the order or of the stored
   * form gives another. A restart takes a file's digest from its {@code CatalogSnapshot}: a change
   * of how it is computed changes {@code CatalogSnapshot.FORMAT} too.
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
      return chain.compose(v -> recordChange(conn, products.stream().map(Product::id).toList(), List.of(), false)).<Void>mapEmpty();
    }).recover(e -> Future.failedFuture(new IllegalStateException(
        "cannot store " + products.size() + " products, nothing changed: " + e.getMessage(), e)));
  }

  @Override
  public Future<Boolean> delete(String id) {
    return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM products WHERE id = $1").execute(Tuple.of(id))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
            : conn.query(FORGET_DIGEST).execute().compose(v -> recordChange(conn, List.of(), List.of(id), false)).map(true)))
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
