package dev.glasscart.retrieval;

import java.util.ArrayList;
import java.util.Set;

import java.util.List;

/**
 * Finds catalog products for a free-text query.
 *
 * <p>Blocking: call from a worker thread, never an event loop. Thread-safe.
 */
public interface Retriever {

  /** Up to {@code k} candidates, sorted by descending score. An empty query returns no candidates. */
  List<Candidate> retrieve(String query, int k);

  /**
   * The retriever that answers calls now: this one, or for a wrapper that switches retrievers
   * (BM25 until the embeddings are ready) the one it currently passes calls to. Two calls
   * answered by the same current retriever with the same arguments give the same candidates.
   */
  default Retriever current() {
    return this;
  }

  /** The deepest retrieval {@link #retrieveAmong}'s default asks for: the largest k the retrievers accept. */
  int MAX_DEPTH = 10_000;

  /**
   * Up to {@code k} candidates among the products whose ids are in {@code allowed}, sorted by
   * descending score, with the signals {@link #retrieve} gives. For a search restricted by hard
   * constraints: retrievers that can restrict their own search override this, so the best allowed
   * products are found however deep they rank overall and the work is that of a k-deep retrieval.
   * The default filters a retrieval of {@link #MAX_DEPTH}.
   */
  default List<Candidate> retrieveAmong(String query, int k, Set<String> allowed) {
    List<Candidate> out = new ArrayList<>();
    if (allowed.isEmpty() || k <= 0) return out;
    for (Candidate c : retrieve(query, MAX_DEPTH)) {
      if (!allowed.contains(c.productId())) continue;
      out.add(c);
      if (out.size() == k) break;
    }
    return out;
  }
}
