package dev.glasscart.retrieval.dense;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Retriever;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Adds signal {@value #SIGNAL} to another retriever's candidates: the cosine between the query
 * and the product's title alone, embedded with the same encoder as {@link DenseRetriever} (whose
 * {@code dense} signal compares the query with title, brand, category, tags, attributes and
 * description together). A title-only similarity tells "is this the thing asked for" apart from
 * "a description that talks about it". Candidates and their order are unchanged; a candidate
 * whose product is not in the catalog gets no signal.
 *
 * <p>Blocking: the constructor embeds every title (reusing {@code cache}; give it a directory of
 * its own, since a cache file holds one text list per model), and {@link #retrieve} embeds the
 * query once more (~2 ms on CPU). Thread-safe once built; the embedder is the caller's to close.
 */
public final class TitleSimilarityRetriever implements Retriever {
  public static final String SIGNAL = "dense_title";
  private static final Logger LOG = Logger.getLogger(TitleSimilarityRetriever.class.getName());
  private final Retriever inner;
  private final Embedder embedder;
  private final Map<String, float[]> titles;

  /**
   * @param inner the retriever whose candidates get the signal
   * @param catalog the products whose titles are embedded
   * @param embedder must normalize, so dot = cosine
   * @param cache persisted title embeddings, or null to embed every title
   */
  public TitleSimilarityRetriever(Retriever inner, Catalog catalog, Embedder embedder, EmbeddingCache cache) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.embedder = Objects.requireNonNull(embedder, "embedder");
    long start = System.nanoTime();
    List<Product> products = catalog.products();
    List<String> texts = new ArrayList<>(products.size());
    for (Product p : products) texts.add(p.title() == null ? "" : p.title());
    float[][] vectors = products.isEmpty() ? new float[0][]
        : cache != null ? cache.embedAll(texts, embedder).vectors() : embedder.embed(texts);
    this.titles = new HashMap<>(products.size() * 2);
    for (int i = 0; i < products.size(); i++) titles.put(products.get(i).id(), vectors[i]);
    LOG.info("title embeddings of " + products.size() + " products in " + (System.nanoTime() - start) / 1_000_000 + " ms");
  }

  private TitleSimilarityRetriever(Retriever inner, Embedder embedder, Map<String, float[]> titles) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.embedder = embedder;
    this.titles = titles;
  }

  /** The same title embeddings added to another retriever's candidates (nothing is re-embedded). */
  public TitleSimilarityRetriever over(Retriever other) {
    return new TitleSimilarityRetriever(other, embedder, titles);
  }

  @Override
  public List<Candidate> retrieve(String query, int k) {
    List<Candidate> candidates = inner.retrieve(query, k);
    if (candidates.isEmpty()) return candidates;
    float[] q = embedder.embed(List.of(query))[0];
    List<Candidate> out = new ArrayList<>(candidates.size());
    for (Candidate c : candidates) {
      float[] t = titles.get(c.productId());
      if (t == null) {
        out.add(c);
        continue;
      }
      Map<String, Double> signals = new HashMap<>(c.signals());
      signals.put(SIGNAL, dot(q, t));
      out.add(new Candidate(c.productId(), c.score(), signals, c.matchedTerms()));
    }
    return out;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  @Override
  public String toString() {
    return inner + " + title similarity";
  }
}
