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
 *     means zero
 * @param matchedTerms query terms (analyzed form) that matched this product, by field name
 */
public record Candidate(
    String productId, double score, Map<String, Double> signals, Map<String, Set<String>> matchedTerms) {

  public Candidate {
    signals = Map.copyOf(signals);
    matchedTerms = Map.copyOf(matchedTerms);
  }

  public double signal(String name) {
    return signals.getOrDefault(name, 0.0);
  }
}
