package dev.glasscart.catalog;

import io.vertx.core.Future;
import java.util.List;

/**
 * Durable catalog storage. Implementations never block the calling event loop. Every change
 * (replace, upsert, delete) is numbered and announced in the same transaction, so every server on
 * the same storage can follow ({@link #changesSince}).
 */
public interface CatalogRepository {

  /** Loads every stored product, in import order. */
  Future<Catalog> load();

  /**
   * Replaces the whole catalog in one transaction: either every product is stored or nothing
   * changes.
   */
  Future<Void> replaceAll(List<Product> products);

  /**
   * Inserts or replaces {@code products} (by id) in one transaction: a replaced product keeps its
   * place in the catalog order, a new one goes after the others in list order.
   */
  Future<Void> upsert(List<Product> products);

  /** Deletes the product {@code id}; true when there was one. */
  Future<Boolean> delete(String id);

  /** Number of stored products. */
  Future<Integer> count();

  /**
   * One stored change of the catalog, numbered in commit order: by {@code origin} (the writer
   * that made it, {@link #origin()}), the products it upserted and deleted, or a whole new catalog.
   */
  record Change(long version, String origin, List<String> upserted, List<String> deleted, boolean fullImport) {
    public Change {
      upserted = List.copyOf(upserted);
      deleted = List.copyOf(deleted);
    }
  }

  /** Who this repository's changes are by (one id per running server), as their {@link Change#origin}. */
  String origin();

  /** The catalog's version: the number of its last stored change (0 before any). */
  Future<Long> version();

  /**
   * The stored changes after {@code version}, in order. The oldest are forgotten after a while: when
   * the first one returned is not {@code version + 1}, some were, and only a full reload is current.
   */
  Future<List<Change>> changesSince(long version);

  /** The stored products among {@code ids} (those deleted since are missing), in catalog order. */
  Future<List<Product>> products(java.util.Collection<String> ids);
}
