package dev.glasscart.retrieval.dense;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link Embedder} that remembers the vectors of the most recent single-text calls (queries), so
 * that retrievers sharing it embed a query once: {@link DenseRetriever} and {@link
 * TitleSimilarityRetriever} both embed the same query per search. Multi-text calls (corpus
 * batches) pass straight through and are not remembered. Same name and dimension as the delegate,
 * so embedding caches stay valid; single-text vectors are the delegate's own (batch size 1).
 *
 * <p>Blocking like the delegate. Thread-safe: the memo is guarded by a lock, never held while
 * encoding (two threads may both encode a new query; both get equal vectors).
 */
public final class MemoizingEmbedder implements Embedder {
  /**
   * A capacity for sharing within one search: enough for a few concurrent searches, too small to
   * turn a benchmark's warm-up pass into cache hits for its measured pass.
   */
  public static final int PER_SEARCH = 8;
  private final Embedder delegate;
  private final Map<String, float[]> recent;

  /** @param capacity how many recent queries to remember, 1..10000 */
  public MemoizingEmbedder(Embedder delegate, int capacity) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    if (capacity < 1 || capacity > 10_000) {
      throw new IllegalArgumentException("illegal capacity: " + capacity + ", must be between 1 and 10000");
    }
    this.recent = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
        return size() > capacity;
      }
    };
  }

  @Override
  public float[][] embed(List<String> texts) {
    if (texts.size() != 1) return delegate.embed(texts);
    String text = texts.get(0);
    float[] hit;
    synchronized (recent) {
      hit = recent.get(text);
    }
    if (hit == null) {
      hit = delegate.embed(texts)[0];
      synchronized (recent) {
        recent.put(text, hit);
      }
    }
    return new float[][] {hit.clone()};
  }

  @Override
  public int length(String text) {
    return delegate.length(text);
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public String toString() {
    return "memoizing(" + delegate.name() + ")";
  }
}
