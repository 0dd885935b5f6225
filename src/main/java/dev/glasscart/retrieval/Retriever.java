package dev.glasscart.retrieval;

import java.util.List;

/**
 * Finds catalog products for a free-text query.
 *
 * <p>Blocking: call from a worker thread, never an event loop. Thread-safe.
 */
public interface Retriever {

  /** Up to {@code k} candidates, sorted by descending score. An empty query returns no candidates. */
  List<Candidate> retrieve(String query, int k);
}
