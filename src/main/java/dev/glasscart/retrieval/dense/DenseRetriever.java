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
import java.util.logging.Logger;

/**
 * Dense (embedding) retrieval: every product's text is embedded once when this retriever is built,
 * and a query is embedded and matched by cosine against all of them (exact, not approximate).
 * Candidates carry signal {@code dense} = cosine and score = cosine, no matched terms.
 *
 * <p>Blocking: the constructor embeds the whole catalog (seconds; batches of the embedder's batch
 * size, reusing the {@link EmbeddingCache} when given) and {@link #retrieve} runs the encoder, so
 * build and call it on a worker or virtual thread, never an event loop. Thread-safe once built.
 * A new catalog snapshot needs a new retriever (the cache makes that cheap).
 */
public final class DenseRetriever implements Retriever, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DenseRetriever.class.getName());
  private final Embedder embedder;
  private final VectorIndex index;
  /** Each product's row in the index. */
  private final Map<String, Integer> rows;

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
    long start = System.nanoTime();
    List<Product> products = catalog.products();
    List<String> ids = new ArrayList<>(products.size());
    List<String> texts = new ArrayList<>(products.size());
    for (Product p : products) {
      ids.add(p.id());
      texts.add(productText(p));
    }
    this.rows = new HashMap<>(ids.size() * 2);
    for (int i = 0; i < ids.size(); i++) rows.putIfAbsent(ids.get(i), i);
    if (progress != null) progress.phase("product texts");
    EmbeddingCache.Result embedded = EmbeddingCache.embedAll(cache, texts, embedder, progress);
    float[][] vectors = embedded.vectors();
    int d = embedder.dimension();
    float[] matrix = new float[vectors.length * d];
    for (int i = 0; i < vectors.length; i++) System.arraycopy(vectors[i], 0, matrix, i * d, d);
    // an empty catalog needs no device session
    this.index = ids.isEmpty() ? new CpuVectorIndex(ids, matrix, d) : indexFactory.create(ids, matrix, d);
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

  @Override
  public List<Candidate> retrieve(String query, int k) {
    if (query == null || query.isBlank() || k <= 0) return List.of();
    float[] q = embedder.embed(List.of(query))[0];
    return candidates(index.topK(q, k));
  }

  /** Scores only the allowed products' vectors: the work of one pass over them, however deep they rank. */
  @Override
  public List<Candidate> retrieveAmong(String query, int k, Set<String> allowed) {
    if (query == null || query.isBlank() || k <= 0 || allowed.isEmpty()) return List.of();
    BitSet accepted = new BitSet(rows.size());
    for (String id : allowed) {
      Integer row = rows.get(id);
      if (row != null) accepted.set(row);
    }
    if (accepted.isEmpty()) return List.of();
    float[] q = embedder.embed(List.of(query))[0];
    return candidates(index.topK(q, k, accepted::get));
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
    index.close();
  }
}
