package dev.glasscart.retrieval;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Answers with a first retriever until a better one is ready, then with that one: BM25 serves
 * while the catalog's embeddings are still being computed, and hybrid retrieval joins when they
 * are done. Each call uses whichever retriever is current when it starts.
 *
 * <p>Blocking as the retrievers it holds; thread-safe (the current one is a volatile reference).
 */
public final class UpgradingRetriever implements Retriever {
  private volatile Retriever current;

  public UpgradingRetriever(Retriever first) {
    this.current = Objects.requireNonNull(first, "first");
  }

  /** From now on, retrieval goes to {@code better}. */
  public void upgrade(Retriever better) {
    this.current = Objects.requireNonNull(better, "better");
  }

  /** The retriever calls go to now. */
  @Override
  public Retriever current() {
    return current;
  }

  @Override
  public List<Candidate> retrieve(String query, int k) {
    return current.retrieve(query, k);
  }

  @Override
  public List<Candidate> retrieveAmong(String query, int k, Set<String> allowed) {
    return current.retrieveAmong(query, k, allowed);
  }

  @Override
  public String toString() {
    return current.toString();
  }
}
