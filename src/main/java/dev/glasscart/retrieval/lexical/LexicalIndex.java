package dev.glasscart.retrieval.lexical;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.retrieval.CatalogIndex;
import dev.glasscart.retrieval.Signals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A Lucene index of the catalog, with one {@link SearcherManager}. Built in the constructor's
 * factory (blocking, a few milliseconds per thousand products); searches through
 * {@link #search(SearcherFunction)}, which acquires and releases a searcher. Live catalog changes
 * go through {@link #apply} and {@link #replaceAll}: the index writer stays open, each change is
 * committed and the searcher reopened near-real-time before the call returns, so the next search
 * sees it; a search in progress keeps the searcher it started with. Thread-safe (changes are
 * serialized on this object). Close it to release the writer and the directory.
 */
public final class LexicalIndex implements CatalogIndex {

  /** Work done with an acquired searcher. */
  @FunctionalInterface
  public interface SearcherFunction<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  private final Directory directory;
  private final ProductAnalyzer analyzer;
  private final SearcherManager searcherManager;
  private final IndexWriter writer;
  /**
   * Product ids by doc id within a segment, per segment core: a segment's documents never change
   * (an upsert adds a new document elsewhere, a delete only hides one), so each segment's ids are
   * read once, when a reopen first brings it, and dropped when Lucene closes it.
   */
  private final Map<IndexReader.CacheKey, String[]> idsBySegment = new ConcurrentHashMap<>();

  /**
   * Bumped whenever {@link ProductDocuments} or the analysis change what an index holds: an index
   * on disk is reused only when its commit says it was built from the same catalog in this format.
   */
  static final String FORMAT = "2";
  /** The commit data key naming what a fresh build indexed: {@code FORMAT|analyzer|catalog digest}. */
  static final String BUILT_FROM = "glasscart.builtFrom";

  /** Whether the last open reused the index on disk instead of building it. */
  private final boolean reused;

  private LexicalIndex(Directory directory, ProductAnalyzer analyzer, Catalog catalog,
      Supplier<String> builtFromOfCatalog) throws IOException {
    this.directory = directory;
    this.analyzer = analyzer;
    String onDisk = builtFrom(directory);
    // the catalog's digest is waited for here only when the index on disk may be this catalog's
    String builtFrom = onDisk != null && catalog.size() == docs(directory) ? builtFromOfCatalog.get() : null;
    boolean reuse = builtFrom != null && builtFrom.equals(onDisk);
    IndexWriterConfig config = new IndexWriterConfig(analyzer)
        .setOpenMode(reuse ? IndexWriterConfig.OpenMode.APPEND : IndexWriterConfig.OpenMode.CREATE)
        .setSimilarity(new BM25Similarity())
        .setRAMBufferSizeMB(64);
    this.writer = new IndexWriter(directory, config);
    this.reused = reuse;
    try {
      if (!reuse) {
        for (Product p : catalog.products()) writer.addDocument(ProductDocuments.toDocument(p));
        writer.forceMerge(1);
        if (builtFrom == null) builtFrom = builtFromOfCatalog.get(); // the digest made meanwhile
        writer.setLiveCommitData((builtFrom == null ? Map.<String, String>of() : Map.of(BUILT_FROM, builtFrom)).entrySet());
        writer.commit();
      }
      this.searcherManager = new SearcherManager(writer, null);
      mapNewSegments();
    } catch (IOException | RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  /**
   * Replaces the documents of {@code upserts} (by id; new ones are added) and deletes {@code
   * deletes}, then commits and reopens the searcher: the next search sees exactly this. Blocking.
   */
  @Override
  public synchronized void apply(Collection<Product> upserts, Collection<String> deletes) {
    try {
      for (String id : deletes) writer.deleteDocuments(new Term(Signals.ID, id));
      for (Product p : upserts) writer.updateDocument(new Term(Signals.ID, p.id()), ProductDocuments.toDocument(p));
      writer.setLiveCommitData(Map.<String, String>of().entrySet()); // no longer a fresh build of any catalog file
      writer.commit();
      searcherManager.maybeRefreshBlocking();
      mapNewSegments();
    } catch (IOException e) {
      throw new UncheckedIOException("could not update the index with " + upserts.size() + " products and "
          + deletes.size() + " deletions", e);
    }
  }

  /** Replaces every document with {@code catalog}'s, as one commit: searches see the old catalog or the new one. Blocking. */
  @Override
  public synchronized void replaceAll(Catalog catalog) {
    try {
      writer.deleteAll();
      for (Product p : catalog.products()) writer.addDocument(ProductDocuments.toDocument(p));
      writer.setLiveCommitData(Map.<String, String>of().entrySet());
      writer.commit();
      searcherManager.maybeRefreshBlocking();
      mapNewSegments();
    } catch (IOException e) {
      throw new UncheckedIOException("could not re-index " + catalog.size() + " products", e);
    }
  }

  /** Reads the ids of the segments the current searcher has and none before it (after a build or a reopen). */
  private void mapNewSegments() {
    search(searcher -> {
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) segmentIds(leaf.reader());
      return null;
    });
  }

  private String[] segmentIds(LeafReader segment) throws IOException {
    IndexReader.CacheHelper core = segment.getCoreCacheHelper();
    if (core == null) return readIds(segment);
    String[] ids = idsBySegment.get(core.getKey());
    if (ids != null) return ids;
    ids = readIds(segment);
    if (idsBySegment.putIfAbsent(core.getKey(), ids) == null) core.addClosedListener(idsBySegment::remove);
    return ids;
  }

  /** Every document's product id in {@code segment}, by its doc id there (deleted ones included), from the id's doc values. */
  private static String[] readIds(LeafReader segment) throws IOException {
    String[] ids = new String[segment.maxDoc()];
    BinaryDocValues values = DocValues.getBinary(segment, Signals.ID);
    for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
      ids[doc] = values.binaryValue().utf8ToString();
    }
    return ids;
  }

  /** What the last commit in {@code directory} says it was built from; null when none or no index. */
  private static String builtFrom(Directory directory) {
    try {
      if (!DirectoryReader.indexExists(directory)) return null;
      return SegmentInfos.readLatestCommit(directory).getUserData().get(BUILT_FROM);
    } catch (IOException e) {
      return null; // unreadable: built afresh
    }
  }

  private static int docs(Directory directory) {
    try (DirectoryReader r = DirectoryReader.open(directory)) {
      return r.numDocs();
    } catch (IOException e) {
      return -1;
    }
  }

  /** Whether this index was opened from disk as a previous start built it, rather than built now. */
  public boolean reused() {
    return reused;
  }

  /**
   * The product id of document {@code doc} of {@code searcher} (one this index handed out, of any
   * generation), without reading (and decompressing) its stored fields: each segment's ids were
   * read once, when it first appeared.
   */
  public String productId(IndexSearcher searcher, int doc) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    return segmentIds(leaf.reader())[doc - leaf.docBase];
  }

  /** Indexes {@code catalog} into memory. */
  public static LexicalIndex inMemory(Catalog catalog, ProductAnalyzer analyzer) {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(analyzer, "analyzer");
    try {
      return new LexicalIndex(new ByteBuffersDirectory(), analyzer, catalog, () -> null);
    } catch (IOException e) {
      throw new UncheckedIOException("could not build in-memory index of " + catalog.size() + " products", e);
    }
  }

  /** Indexes {@code catalog} into the directory {@code path}, replacing any index there. */
  public static LexicalIndex onDisk(Catalog catalog, ProductAnalyzer analyzer, Path path) {
    return onDisk(catalog, analyzer, path, null);
  }

  /**
   * The index of {@code catalog} in the directory {@code path}: the one there when a build of this
   * same catalog made it and nothing changed it since ({@code catalogDigest}, a digest of every
   * product in order, e.g. the stored catalog's, is recorded with each fresh build and forgotten
   * by a live change), else built afresh, replacing any index there. A null digest always builds.
   */
  public static LexicalIndex onDisk(Catalog catalog, ProductAnalyzer analyzer, Path path, String catalogDigest) {
    return onDiskDigesting(catalog, analyzer, path, () -> catalogDigest);
  }

  /**
   * {@link #onDisk(Catalog, ProductAnalyzer, Path, String)} with a digest that may still be in the
   * making (a blocking supplier, e.g. a future's join): it is asked for only when the index on disk
   * holds a build of as many products (to see whether it is this catalog's), else only when the
   * new build is committed, so the build and the digest run at the same time.
   */
  public static LexicalIndex onDiskDigesting(Catalog catalog, ProductAnalyzer analyzer, Path path,
      Supplier<String> catalogDigest) {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(analyzer, "analyzer");
    Objects.requireNonNull(catalogDigest, "catalogDigest");
    Directory dir = null;
    try {
      dir = FSDirectory.open(path);
      return new LexicalIndex(dir, analyzer, catalog, () -> {
        String digest = catalogDigest.get();
        return digest == null ? null : FORMAT + "|" + analyzer + "|" + digest;
      });
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

  /** Number of indexed products (as of the last change). */
  public int size() {
    return writer.getDocStats().numDocs;
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
      try {
        writer.close();
      } finally {
        directory.close();
      }
    }
  }
}
