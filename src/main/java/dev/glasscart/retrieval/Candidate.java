package dev.glasscart.retrieval;

import java.util.Map;
import java.util.Set;

/**
 * A product found for a query, before reranking.
 *
 * @param productId the catalog id
 * @param score the retriever's own score (higher is better)
 * @param signals named raw evidence for the ranker, e.g. {@code bm25}, {@code bm25_title},
 *     {@code bm25_brand}, {@code bm25_category}, {@code bm25_description}, {@code dense}; absent
 *     means zero. Held as {@link SignalValues} (immutable).
 * @param matchedTerms query terms (analyzed form) that matched this product, by field name
 */
public record Candidate(
    String productId, double score, Map<String, Double> signals, Map<String, Set<String>> matchedTerms) {

  public Candidate {
    signals = SignalValues.of(signals);
    matchedTerms = Map.copyOf(matchedTerms);
  }

  /** A candidate with no retrieval evidence (score 0, no signals, no matched terms). */
  public static Candidate unsignalled(String productId) {
    return new Candidate(productId, 0, SignalValues.NONE, Map.of());
  }

  public double signal(String name) {
    return ((SignalValues) signals).value(name);
  }

  /** This candidate with {@code signals} instead of its own (score and matched terms kept). */
  public Candidate withSignals(SignalValues signals) {
    return new Candidate(productId, score, signals, matchedTerms);
  }

  /** This candidate's signals, to build changed ones from. */
  public SignalValues.Builder signalsBuilder() {
    return new SignalValues.Builder((SignalValues) signals);
  }
}
