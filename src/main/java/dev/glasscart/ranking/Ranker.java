package dev.glasscart.ranking;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.profile.ShopperProfile;
import dev.glasscart.query.Constraint;
import dev.glasscart.retrieval.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Orders retrieved candidates with an additive model, so that each result's contributions add up
 * to its score exactly. Pure and thread-safe; cheap enough to run on a worker for 100 candidates.
 */
public interface Ranker {

  /**
   * Scores and sorts {@code candidates}; ranks start at 1. Candidates whose product is not in the
   * catalog are dropped. Constraints only change scores here (hard filtering is the caller's).
   */
  default List<RankedProduct> rank(String query, List<Constraint> constraints, List<Candidate> candidates, Catalog catalog) {
    return rank(query, constraints, candidates, catalog, ShopperProfile.EMPTY);
  }

  /**
   * {@link #rank} for a shopper with a learned {@code profile}: its {@code profile_...} features
   * change scores through their own contributions only. A ranker that reads no profile ignores it.
   */
  default List<RankedProduct> rank(String query, List<Constraint> constraints, List<Candidate> candidates, Catalog catalog,
      ShopperProfile profile) {
    List<Candidate> found = new ArrayList<>(candidates.size());
    List<Product> products = new ArrayList<>(candidates.size());
    for (Candidate c : candidates) {
      Optional<Product> p = catalog.get(c.productId());
      if (p.isEmpty()) continue;
      found.add(c);
      products.add(p.get());
    }
    return rankKnown(query, constraints, found, products, profile);
  }

  /**
   * {@link #rank} for candidates whose products the caller already holds: {@code products.get(i)}
   * is the product of {@code candidates.get(i)}, and none is dropped. A turn that filtered the
   * products first ranks them without looking each one up again.
   */
  List<RankedProduct> rankKnown(String query, List<Constraint> constraints, List<Candidate> candidates, List<Product> products,
      ShopperProfile profile);
}
