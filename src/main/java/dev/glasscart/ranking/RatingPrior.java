package dev.glasscart.ranking;

/**
 * Shrinks a star rating toward a prior by its review count (a Bayesian average):
 * {@code (CONFIDENCE * MEAN + n * rating) / (CONFIDENCE + n)}.
 *
 * <p>Why this prior: {@link #MEAN} = 3.0 is the midpoint of the 1..5 scale, so a product nobody has
 * reviewed is treated as "average" and its rating contributes nothing; {@link #CONFIDENCE} = 10
 * means ten reviews weigh as much as the prior, so a 5.0 from 2 reviews (3.33) ranks below a 4.6
 * from 212 reviews (4.53). Both are fixed rather than fitted so that the explanation ("rated 4.6
 * from 212 reviews") stays stable across catalog imports.
 */
public final class RatingPrior {
  /** Prior mean rating (midpoint of the 1..5 scale). */
  public static final double MEAN = 3.0;
  /** Pseudo-review count the prior is worth. */
  public static final double CONFIDENCE = 10.0;

  private RatingPrior() {}

  /** The shrunk rating; exactly {@link #MEAN} when there are no reviews. */
  public static double shrink(double rating, int reviewCount) {
    if (reviewCount <= 0) return MEAN;
    return (CONFIDENCE * MEAN + reviewCount * rating) / (CONFIDENCE + reviewCount);
  }
}
