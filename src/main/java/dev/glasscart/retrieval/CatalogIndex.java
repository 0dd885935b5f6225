package dev.glasscart.retrieval;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import java.io.Closeable;
import java.util.Collection;

/**
 * A searchable index of the catalog that live catalog changes reach: the in-process Lucene index
 * or the search engine's collection. Blocking; changes are applied one at a time.
 */
public interface CatalogIndex extends Closeable {

  /** Replaces the documents of {@code upserts} (by id; new ones are added) and deletes {@code deletes}; searchable on return. */
  void apply(Collection<Product> upserts, Collection<String> deletes);

  /** Replaces every document with {@code catalog}'s: searches see the old catalog or the new one, never a mix. */
  void replaceAll(Catalog catalog);

  /**
   * Whether every server on the database searches this very index (a search engine's shared
   * collection), so a change another server stored is in it already, put there by that server;
   * false for an index of this process's own.
   */
  default boolean sharedByServers() {
    return false;
  }

  /** The product embeddings an index can hold beside the text. */
  interface Vectors {
    /** Length of every vector. */
    int dimension();

    /** The vector of {@code productId} (unit length), or null when it has none. */
    float[] of(String productId);
  }

  /**
   * The catalog's embeddings are ready: an index that searches vectors too re-indexes {@code
   * catalog} with them (later changes take their vectors from the same source). The in-process
   * Lucene index holds text only and ignores this.
   */
  default void vectorsJoined(Catalog catalog, Vectors vectors) {}
}
