package dev.glasscart.retrieval.lexical;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.retrieval.Signals;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A Lucene index of one {@link Catalog} snapshot, with one {@link SearcherManager}. Built once in
 * the constructor's factory (blocking, a few milliseconds per thousand products); searches through
 * {@link #search(SearcherFunction)}, which acquires and releases a searcher. Thread-safe. Close it
 * to release the directory.
 */
public final class LexicalIndex implements Closeable {

  /** Work done with an acquired searcher. */
  @FunctionalInterface
  public interface SearcherFunction<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  private final Directory directory;
  private final ProductAnalyzer analyzer;
  private final SearcherManager searcherManager;
  private final int size;
  private final String[] idsByDoc;

  private LexicalIndex(Directory directory, ProductAnalyzer analyzer, Catalog catalog) throws IOException {
    this.directory = directory;
    this.analyzer = analyzer;
    IndexWriterConfig config = new IndexWriterConfig(analyzer)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
        .setSimilarity(new BM25Similarity())
        .setRAMBufferSizeMB(64);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (Product p : catalog.products()) writer.addDocument(ProductDocuments.toDocument(p));
      writer.forceMerge(1);
      writer.commit();
    }
    this.searcherManager = new SearcherManager(directory, null);
    this.size = catalog.size();
    this.idsByDoc = search(LexicalIndex::readIds);
  }

  /** Every document's product id by (top-level) Lucene doc id; the index never changes once built. */
  private static String[] readIds(IndexSearcher searcher) throws IOException {
    String[] ids = new String[searcher.getIndexReader().maxDoc()];
    StoredFields stored = searcher.storedFields();
    Set<String> only = Set.of(Signals.ID);
    for (int doc = 0; doc < ids.length; doc++) ids[doc] = stored.document(doc, only).get(Signals.ID);
    return ids;
  }

  /**
   * The product id of the document {@code doc} of any searcher this index hands out, without
   * reading (and decompressing) its stored fields: they were read once when it was built.
   */
  public String productId(int doc) {
    return idsByDoc[doc];
  }

  /** Indexes {@code catalog} into memory. */
  public static LexicalIndex inMemory(Catalog catalog, ProductAnalyzer analyzer) {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(analyzer, "analyzer");
    try {
      return new LexicalIndex(new ByteBuffersDirectory(), analyzer, catalog);
    } catch (IOException e) {
      throw new UncheckedIOException("could not build in-memory index of " + catalog.size() + " products", e);
    }
  }

  /** Indexes {@code catalog} into the directory {@code path}, replacing any index there. */
  public static LexicalIndex onDisk(Catalog catalog, ProductAnalyzer analyzer, Path path) {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(analyzer, "analyzer");
    Directory dir = null;
    try {
      dir = FSDirectory.open(path);
      return new LexicalIndex(dir, analyzer, catalog);
    } catch (IOException e) {
      closeQuietly(dir, e);
      throw new UncheckedIOException("could not build index of " + catalog.size() + " products at " + path, e);
    }
  }

  private static void closeQuietly(Directory dir, Exception cause) {
    if (dir == null) return;
    try {
      dir.close();
    } catch (IOException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }

  public ProductAnalyzer analyzer() {
    return analyzer;
  }

  /** Number of indexed products. */
  public int size() {
    return size;
  }

  /**
   * Runs {@code work} with an acquired searcher (Lucene's default BM25 similarity, k1=1.2, b=0.75),
   * releasing it afterwards.
   */
  public <T> T search(SearcherFunction<T> work) {
    IndexSearcher searcher;
    try {
      searcher = searcherManager.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException("could not acquire index searcher", e);
    }
    try {
      return work.apply(searcher);
    } catch (IOException e) {
      throw new UncheckedIOException("index search failed", e);
    } finally {
      try {
        searcherManager.release(searcher);
      } catch (IOException e) {
        throw new UncheckedIOException("could not release index searcher", e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      searcherManager.close();
    } finally {
      directory.close();
    }
  }
}
