package dev.glasscart.ranking.train;

import dev.glasscart.catalog.Product;
import dev.glasscart.retrieval.Candidate;
import java.util.Objects;

/**
 * A retrieved candidate with its product and its relevance gain (0 when unjudged).
 *
 * @param gain graded gain, e.g. {@code 2^(grade-1) - 1}; must be >= 0
 */
public record JudgedCandidate(Candidate candidate, Product product, double gain) {

  public JudgedCandidate {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(product, "product");
    if (!(gain >= 0) || Double.isInfinite(gain)) {
      throw new IllegalArgumentException("illegal gain " + gain + " for " + candidate.productId() + ", must be >= 0");
    }
  }
}
