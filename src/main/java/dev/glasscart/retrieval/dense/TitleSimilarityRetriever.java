package dev.glasscart.retrieval.dense;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.SignalValues;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.Signals;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Adds two signals to another retriever's candidates, both from title embeddings made with the
 * same encoder as {@link DenseRetriever} (whose {@code dense} signal compares the query with title,
 * brand, category, tags, attributes and description together):
 *
 * <ul>
 *   <li>{@value Signals#DENSE_TITLE}: the cosine between the query and the product's title alone. A title-only
 *       similarity tells "is this the thing asked for" apart from "a description that talks about
 *       it".
 *   <li>{@value Signals#DENSE_TITLE_PEERS}: the cosine between the product's title and the mean direction of
 *       the titles of the first {@value #PEERS} candidates (pseudo-relevance feedback), leaving the
 *       product itself out of that mean when it is one of them. It says "this is the same kind of
 *       thing as the other top matches": an odd one out among them (a sock among boots) scores low.
 *       Absent with fewer than two titled candidates.
 * </ul>
 *
 * Candidates and their order are unchanged; a candidate whose product is not in the catalog gets
 * no signal.
 *
 * <p>Blocking: the constructor embeds every title (reusing {@code cache}; give it a directory of
 * its own, since a cache file holds one text list per model), and {@link #retrieve} embeds the
 * query once more (~2 ms on CPU). Thread-safe once built; the embedder is the caller's to close.
 * Live catalog changes go through {@link #apply} and {@link #replaceAll} (shared with the copies
 * {@link #over} made).
 */
public final class TitleSimilarityRetriever implements Retriever {
  /** How many of the first candidates make the peer group (chosen before measuring; docs/ranking.md). */
  public static final int PEERS = 10;
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
    this(inner, catalog, embedder, cache, null);
  }

  /** As above, reporting the embedding to {@code progress} (may be null), which can also stop it. */
  public TitleSimilarityRetriever(Retriever inner, Catalog catalog, Embedder embedder, EmbeddingCache cache,
      IndexingProgress progress) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.embedder = Objects.requireNonNull(embedder, "embedder");
    long start = System.nanoTime();
    List<Product> products = catalog.products();
    List<String> texts = new ArrayList<>(products.size());
    for (Product p : products) texts.add(p.title() == null ? "" : p.title());
    if (progress != null) progress.phase("titles");
    float[][] vectors = EmbeddingCache.embedAll(cache, texts, embedder, progress).vectors();
    this.titles = new ConcurrentHashMap<>(products.size() * 2);
    for (int i = 0; i < products.size(); i++) titles.put(products.get(i).id(), vectors[i]);
    LOG.info("title embeddings of " + products.size() + " products in " + (System.nanoTime() - start) / 1_000_000 + " ms");
  }

  private TitleSimilarityRetriever(Retriever inner, Embedder embedder, Map<String, float[]> titles) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.embedder = embedder;
    this.titles = titles;
  }

  /** The normalized title vector of product {@code productId}, or null when it has none (do not modify it). */
  public float[] titleVector(String productId) {
    return titles.get(productId);
  }

  /** Embeds the titles of {@code upserts} and forgets those of {@code deletes}. Blocking (the encoder). */
  public void apply(List<Product> upserts, Set<String> deletes) {
    if (!upserts.isEmpty()) {
      float[][] vectors = embedder.embed(upserts.stream().map(p -> p.title() == null ? "" : p.title()).toList());
      for (int i = 0; i < upserts.size(); i++) titles.put(upserts.get(i).id(), vectors[i]);
    }
    for (String id : deletes) titles.remove(id);
  }

  /** The titles of the whole of {@code catalog} (a full import), through {@code cache} (may be null). Blocking. */
  public void replaceAll(Catalog catalog, EmbeddingCache cache, IndexingProgress progress) {
    List<Product> products = catalog.products();
    List<String> texts = new ArrayList<>(products.size());
    for (Product p : products) texts.add(p.title() == null ? "" : p.title());
    if (progress != null) progress.phase("titles");
    float[][] vectors = EmbeddingCache.embedAll(cache, texts, embedder, progress).vectors();
    Set<String> kept = new HashSet<>();
    for (int i = 0; i < products.size(); i++) {
      titles.put(products.get(i).id(), vectors[i]);
      kept.add(products.get(i).id());
    }
    titles.keySet().retainAll(kept);
  }

  /** The same title embeddings added to another retriever's candidates (nothing is re-embedded). */
  public TitleSimilarityRetriever over(Retriever other) {
    return new TitleSimilarityRetriever(other, embedder, titles);
  }

  @Override
  public List<Candidate> retrieve(String query, int k) {
    return withTitleSignals(query, inner.retrieve(query, k));
  }

  /** The inner retriever's candidates among {@code allowed}, with the title signals over them. */
  @Override
  public List<Candidate> retrieveAmong(String query, int k, Set<String> allowed) {
    return withTitleSignals(query, inner.retrieveAmong(query, k, allowed));
  }

  private List<Candidate> withTitleSignals(String query, List<Candidate> candidates) {
    if (candidates.isEmpty()) return candidates;
    float[] q = embedder.embed(List.of(query))[0];
    PeerGroup peers = PeerGroup.of(candidates, titles);
    List<Candidate> out = new ArrayList<>(candidates.size());
    for (Candidate c : candidates) {
      float[] t = titles.get(c.productId());
      if (t == null) {
        out.add(c);
        continue;
      }
      SignalValues.Builder signals = c.signalsBuilder().set(Signals.DENSE_TITLE, dot(q, t));
      peers.similarity(c.productId(), t).ifPresent(s -> signals.set(Signals.DENSE_TITLE_PEERS, s));
      out.add(c.withSignals(signals.build()));
    }
    return out;
  }

  /**
   * The summed title vectors of the first {@link #PEERS} titled candidates, who they are, and the
   * sum's norm (every candidate that is not a peer is compared with the whole sum).
   */
  private record PeerGroup(float[] sum, Set<String> members, double sumNorm) {
    PeerGroup(float[] sum, Set<String> members) {
      this(sum, members, sum == null ? 0 : Math.sqrt(dot(sum, sum)));
    }

    static PeerGroup of(List<Candidate> candidates, Map<String, float[]> titles) {
      float[] sum = null;
      Set<String> members = new HashSet<>();
      for (Candidate c : candidates) {
        if (members.size() == PEERS) break;
        float[] t = titles.get(c.productId());
        if (t == null || !members.add(c.productId())) continue;
        if (sum == null) sum = new float[t.length];
        for (int j = 0; j < t.length; j++) sum[j] += t[j];
      }
      return new PeerGroup(sum, members);
    }

    /** Cosine of {@code title} with the mean of the peers' titles, itself left out; empty without peers. */
    OptionalDouble similarity(String id, float[] title) {
      boolean member = members.contains(id);
      if (sum == null || members.size() - (member ? 1 : 0) < 1) return OptionalDouble.empty();
      float[] others = member ? new float[sum.length] : sum;
      if (member) for (int j = 0; j < sum.length; j++) others[j] = sum[j] - title[j];
      double norm = member ? Math.sqrt(dot(others, others)) : sumNorm;
      return norm < 1e-9 ? OptionalDouble.empty() : OptionalDouble.of(dot(others, title) / norm);
    }
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
