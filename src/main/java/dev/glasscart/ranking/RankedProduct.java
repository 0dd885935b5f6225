package dev.glasscart.ranking;

import dev.glasscart.catalog.Product;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A product in its final place. {@code contributions} add up to {@code score} and are sorted by
 * absolute value, largest first. {@code matchedTerms} are the shopper's words that matched, by
 * index field, as typed ("hiking", not the index's stem "hike").
 */
public record RankedProduct(
    int rank,
    Product product,
    double score,
    List<Contribution> contributions,
    Map<String, Set<String>> matchedTerms) {

  public RankedProduct {
    contributions = List.copyOf(contributions);
    matchedTerms = Map.copyOf(matchedTerms);
  }
}
