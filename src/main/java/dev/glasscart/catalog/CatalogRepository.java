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

  /** Number of stored products. */
  Future<Integer> count();
}
