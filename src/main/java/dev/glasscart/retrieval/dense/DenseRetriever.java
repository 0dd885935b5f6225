package dev.glasscart.retrieval.dense;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.Signals;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Logger;

/**
 * Dense (embedding) retrieval: every product's text is embedded once when this retriever is built,
 * and a query is embedded and matched by cosine against all of them (exact, not approximate).
 * Candidates carry signal {@code dense} = cosine and score = cosine, no matched terms.
 *
 * <p>Blocking: the constructor embeds the whole catalog (seconds; batches of the embedder's batch
 * size, reusing the {@link EmbeddingCache} when given) and {@link #retrieve} runs the encoder, so
 * build and call it on a worker or virtual thread, never an event loop. Thread-safe once built.
 *
 * <p>Live catalog changes: {@link #apply} embeds the changed products' texts and swaps in a new
 * matrix (copy on write: the old one, minus deleted rows, plus changed and new rows), so a search
 * uses the old index or the new one, never a half-changed one; the old index is closed only after
 * the searches using it ended (a read-write lock around each search and the swap).
 */
public final class DenseRetriever implements Retriever, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DenseRetriever.class.getName());
  private final Embedder embedder;
  private final VectorIndexFactory indexFactory;
  /** The index and each product's row in it, swapped together by {@link #apply}. */
  private volatile Snapshot current;
  /** Held (read) by every search, (write) by the swap, so an index is closed only when unused. */
  private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();

  private record Snapshot(VectorIndex index, Map<String, Integer> rows, List<String> ids, float[] matrix) {}

  /**
   * @param catalog the products to index
   * @param embedder encodes product texts and queries (must normalize, so dot = cosine)
   * @param indexFactory e.g. {@code VectorIndexFactory.forDevice(embedder.device())}
   * @param cache persisted embeddings, or null to embed everything
   */
  public DenseRetriever(Catalog catalog, Embedder embedder, VectorIndexFactory indexFactory, EmbeddingCache cache) {
    this(catalog, embedder, indexFactory, cache, null);
  }

  /** As above, reporting the embedding to {@code progress} (may be null), which can also stop it. */
  public DenseRetriever(Catalog catalog, Embedder embedder, VectorIndexFactory indexFactory, EmbeddingCache cache,
      IndexingProgress progress) {
    this.embedder = embedder;
    this.indexFactory = indexFactory;
    long start = System.nanoTime();
    List<Product> products = catalog.products();
    List<String> ids = new ArrayList<>(products.size());
    List<String> texts = new ArrayList<>(products.size());
    for (Product p : products) {
      ids.add(p.id());
      texts.add(productText(p));
    }
    if (progress != null) progress.phase("product texts");
    EmbeddingCache.Result embedded = EmbeddingCache.embedAll(cache, texts, embedder, progress);
    float[][] vectors = embedded.vectors();
    int d = embedder.dimension();
    float[] matrix = new float[vectors.length * d];
    for (int i = 0; i < vectors.length; i++) System.arraycopy(vectors[i], 0, matrix, i * d, d);
    this.current = snapshot(ids, matrix);
    LOG.info("dense index of " + ids.size() + " products (" + embedded.reused() + " from cache, "
        + embedded.embedded() + " embedded) with " + embedder.name() + " in "
        + (System.nanoTime() - start) / 1_000_000 + " ms");
  }

  /**
   * The text embedded for a product: title, brand, category, tags, attributes ({@code key value},
   * sorted by key), then description, joined by ". ". The most identifying fields come first so that
   * truncation at the encoder's token limit only cuts description; attributes such as colour and
   * material are what shoppers ask for, and tags carry the product type in other words.
   */
  public static String productText(Product p) {
    StringBuilder b = new StringBuilder(p.title());
    append(b, p.brand());
    append(b, p.category());
    if (!p.tags().isEmpty()) append(b, String.join(", ", p.tags()));
    if (!p.attributes().isEmpty()) {
      StringBuilder a = new StringBuilder();
      for (Map.Entry<String, String> e : new TreeMap<>(p.attributes()).entrySet()) {
        if (!a.isEmpty()) a.append(", ");
        a.append(e.getKey()).append(' ').append(e.getValue());
      }
      append(b, a.toString());
    }
    append(b, p.description());
    return b.toString();
  }

  private static void append(StringBuilder b, String part) {
    if (part != null && !part.isBlank()) b.append(". ").append(part.strip());
  }

  private Snapshot snapshot(List<String> ids, float[] matrix) {
    Map<String, Integer> rows = new HashMap<>(ids.size() * 2);
    for (int i = 0; i < ids.size(); i++) rows.putIfAbsent(ids.get(i), i);
    int d = embedder.dimension();
    // an empty catalog needs no device session
    VectorIndex index = ids.isEmpty() ? new CpuVectorIndex(ids, matrix, d) : indexFactory.create(ids, matrix, d);
    return new Snapshot(index, rows, List.copyOf(ids), matrix);
  }

  /**
   * Embeds {@code upserts}' texts (a changed product's row is replaced, a new one appended) and
   * drops {@code deletes}, then swaps the new index in. Blocking (the encoder; a device upload on
   * the GPU index); call changes one at a time (the catalog's updater does).
   */
  public synchronized void apply(List<Product> upserts, Set<String> deletes) {
    Snapshot old = current;
    int d = embedder.dimension();
    List<String> texts = new ArrayList<>(upserts.size());
    for (Product p : upserts) texts.add(productText(p));
    float[][] fresh = texts.isEmpty() ? new float[0][] : embedder.embed(texts);
    Map<String, Integer> changed = new HashMap<>();
    for (int i = 0; i < upserts.size(); i++) changed.put(upserts.get(i).id(), i);
    List<String> ids = new ArrayList<>(old.ids().size() + upserts.size());
    float[] matrix = new float[(old.ids().size() + upserts.size()) * d];
    int n = 0;
    for (int row = 0; row < old.ids().size(); row++) {
      String id = old.ids().get(row);
      if (deletes.contains(id)) continue;
      Integer c = changed.remove(id);
      if (c != null) System.arraycopy(fresh[c], 0, matrix, n * d, d);
      else System.arraycopy(old.matrix(), row * d, matrix, n * d, d);
      ids.add(id);
      n++;
    }
    for (int i = 0; i < upserts.size(); i++) {
      if (!changed.containsKey(upserts.get(i).id())) continue;
      System.arraycopy(fresh[i], 0, matrix, n * d, d);
      ids.add(upserts.get(i).id());
      n++;
    }
    use(snapshot(ids, java.util.Arrays.copyOf(matrix, n * d)));
  }

  /**
   * Re-indexes the whole of {@code catalog} (a full import), through {@code cache} (may be null)
   * so unchanged texts are not embedded again, reporting to {@code progress} (may be null), then
   * swaps the new index in. Blocking.
   */
  public synchronized void replaceAll(Catalog catalog, EmbeddingCache cache, IndexingProgress progress) {
    List<String> ids = new ArrayList<>(catalog.size());
    List<String> texts = new ArrayList<>(catalog.size());
    for (Product p : catalog.products()) {
      ids.add(p.id());
      texts.add(productText(p));
    }
    if (progress != null) progress.phase("product texts");
    float[][] vectors = EmbeddingCache.embedAll(cache, texts, embedder, progress).vectors();
    int d = embedder.dimension();
    float[] matrix = new float[vectors.length * d];
    for (int i = 0; i < vectors.length; i++) System.arraycopy(vectors[i], 0, matrix, i * d, d);
    use(snapshot(ids, matrix));
  }

  private void use(Snapshot next) {
    Snapshot old = current;
    swap.writeLock().lock();
    try {
      current = next;
    } finally {
      swap.writeLock().unlock();
    }
    old.index().close();
  }

  /**
   * A copy of the embedding of product {@code productId} as indexed now (unit length), or null
   * when it is not indexed: what the search engine's vector field is given, so both searches
   * compare the query with the same vectors.
   */
  public float[] vector(String productId) {
    Snapshot s = current;
    Integer row = s.rows().get(productId);
    if (row == null) return null;
    int d = embedder.dimension();
    return java.util.Arrays.copyOfRange(s.matrix(), row * d, (row + 1) * d);
  }

  /** The length of every vector. */
  public int dimension() {
    return embedder.dimension();
  }

  /** Number of products indexed. */
  public int size() {
    return current.ids().size();
  }

  @Override
  public List<Candidate> retrieve(String query, int k) {
    if (query == null || query.isBlank() || k <= 0) return List.of();
    float[] q = embedder.embed(List.of(query))[0];
    swap.readLock().lock();
    try {
      return candidates(current.index().topK(q, k));
    } finally {
      swap.readLock().unlock();
    }
  }

  /** Scores only the allowed products' vectors: the work of one pass over them, however deep they rank. */
  @Override
  public List<Candidate> retrieveAmong(String query, int k, Set<String> allowed) {
    if (query == null || query.isBlank() || k <= 0 || allowed.isEmpty()) return List.of();
    float[] q = embedder.embed(List.of(query))[0];
    swap.readLock().lock();
    try {
      Snapshot s = current;
      BitSet accepted = new BitSet(s.rows().size());
      for (String id : allowed) {
        Integer row = s.rows().get(id);
        if (row != null) accepted.set(row);
      }
      if (accepted.isEmpty()) return List.of();
      return candidates(s.index().topK(q, k, accepted::get));
    } finally {
      swap.readLock().unlock();
    }
  }

  private static List<Candidate> candidates(List<VectorIndex.Hit> hits) {
    List<Candidate> out = new ArrayList<>(hits.size());
    for (VectorIndex.Hit h : hits) {
      out.add(new Candidate(h.id(), h.score(), Map.of(Signals.DENSE, (double) h.score()), Map.of()));
    }
    return out;
  }

  /** Closes the index (frees a GPU session); the embedder is the caller's to close. */
  @Override
  public void close() {
    current.index().close();
  }
}
