package dev.glasscart.catalog;

import io.vertx.core.Future;
import java.util.List;

/** Durable catalog storage. Implementations never block the calling event loop. */
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
}
