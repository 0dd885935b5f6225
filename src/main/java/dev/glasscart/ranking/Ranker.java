package dev.glasscart.ranking;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.profile.ShopperProfile;
import dev.glasscart.query.Constraint;
import dev.glasscart.retrieval.Candidate;
import java.util.List;

/**
 * Orders retrieved candidates with an additive model, so that each result's contributions add up
 * to its score exactly. Pure and thread-safe; cheap enough to run on a worker for 100 candidates.
 */
public interface Ranker {

  /**
   * Scores and sorts {@code candidates}; ranks start at 1. Candidates whose product is not in the
   * catalog are dropped. Constraints only change scores here (hard filtering is the caller's).
   */
  List<RankedProduct> rank(String query, List<Constraint> constraints, List<Candidate> candidates, Catalog catalog);

  /**
   * {@link #rank} for a shopper with a learned {@code profile}: its {@code profile_...} features
   * change scores through their own contributions only. A ranker that reads no profile ignores it.
   */
  default List<RankedProduct> rank(String query, List<Constraint> constraints, List<Candidate> candidates, Catalog catalog,
      ShopperProfile profile) {
    return rank(query, constraints, candidates, catalog);
  }
}
