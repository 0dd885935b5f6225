package dev.glasscart.ranking;

import java.util.List;
import java.util.Optional;

/**
 * The ranker's features, in model order. Each has a stable name (used in the model file and in
 * {@link Contribution#feature()}) and a fixed transform from its natural value (a BM25 score, a
 * review count) to the value the model weighs. Transforms keep "no evidence" at exactly zero, so a
 * feature without evidence contributes nothing and is left out of the explanation.
 */
public enum Feature {
  /** BM25 of the title field. */
  TITLE_MATCH("title_match", Transform.LOG1P),
  /** BM25 of the brand field. */
  BRAND_MATCH("brand_match", Transform.LOG1P),
  /** BM25 of category and tags. */
  CATEGORY_MATCH("category_match", Transform.LOG1P),
  /** BM25 of the attribute values. */
  ATTRIBUTE_MATCH("attribute_match", Transform.LOG1P),
  /** BM25 of the description. */
  DESCRIPTION_MATCH("description_match", Transform.LOG1P),
  /** Cosine similarity of query and product embeddings. */
  SEMANTIC("semantic", Transform.IDENTITY),
  /** Fraction of the query's terms found in the title. */
  TITLE_COVERAGE("title_coverage", Transform.IDENTITY),
  /** +1 price within the stated range, -1 outside it, 0 when no price was stated. */
  PRICE_FIT("price_fit", Transform.IDENTITY),
  /** How far under the budget, as a fraction of the budget (0..1); 0 without a budget. */
  BUDGET_MARGIN("budget_margin", Transform.IDENTITY),
  /** +1 matches the asked brand(s), -1 violates them, 0 when none were asked. */
  BRAND_FIT("brand_fit", Transform.IDENTITY),
  /** +1 matches the asked category, -1 violates it, 0 when none was asked. */
  CATEGORY_FIT("category_fit", Transform.IDENTITY),
  /** Mean over attribute constraints of +1 (holds) / -1 (fails); 0 when none were stated. */
  ATTRIBUTE_FIT("attribute_fit", Transform.IDENTITY),
  /** Bayesian-average rating minus the prior mean (see {@link RatingPrior}). */
  RATING("rating", Transform.MINUS_PRIOR),
  /** Number of reviews. */
  REVIEW_COUNT("review_count", Transform.LOG1P),
  /** 1 when in stock, 0 otherwise. */
  IN_STOCK("in_stock", Transform.IDENTITY),
  /** The keyword side's share of the fused retrieval score ({@code lexical_part}); 0 when absent. */
  KEYWORD_RANK("keyword_rank", Transform.IDENTITY),
  /** The meaning side's share of the fused retrieval score ({@code semantic_part}); 0 when absent. */
  MEANING_RANK("meaning_rank", Transform.IDENTITY),
  /** Fraction of the query's terms found in the description. */
  DESCRIPTION_COVERAGE("description_coverage", Transform.IDENTITY),
  /** 1 when every query term is in the title (queries of two or more terms), else 0. */
  TITLE_ALL_TERMS("title_all_terms", Transform.IDENTITY),
  /** Fraction of the query's terms matched in any field. */
  QUERY_COVERAGE("query_coverage", Transform.IDENTITY),
  /** 1 when the title holds the query's terms as one contiguous phrase (two or more terms). */
  TITLE_PHRASE("title_phrase", Transform.IDENTITY),
  /** Cosine of query and title-only embeddings ({@code dense_title} signal); 0 when absent. */
  TITLE_SEMANTIC("title_semantic", Transform.IDENTITY),
  /** Fraction of the query's words found in the title exactly as typed (folded, lower-cased, not stemmed). */
  TITLE_EXACT("title_exact", Transform.IDENTITY),
  /**
   * Cosine of the title with the mean of the other top candidates' titles ({@code
   * dense_title_peers} signal, pseudo-relevance feedback), minus {@link #TYPICAL_PEER_SIMILARITY}:
   * positive for a product more alike the top matches than a typical top match is, negative for an
   * odd one out; 0 when absent.
   */
  PEER_SIMILARITY("peer_similarity", Transform.MINUS_TYPICAL_PEER),
  /**
   * The shopper's learned liking of the product's brand, squashed to -1..1 ({@code tanh} of the
   * decayed profile weight); 0 without a profile, or when the query itself states a brand.
   * The {@code profile_...} family is computed by {@link ProfileFeatures}.
   */
  PROFILE_BRAND("profile_brand", Transform.IDENTITY),
  /** The shopper's learned interest in the product's category (-1..1); 0 without one or when a category is asked. */
  PROFILE_CATEGORY("profile_category", Transform.IDENTITY),
  /** The shopper's learned liking of the product's attribute values (colour, size, material...), -1..1. */
  PROFILE_ATTRIBUTE("profile_attribute", Transform.IDENTITY),
  /**
   * +strength inside the shopper's usual price band, down to -strength far outside it (strength
   * {@code tanh} of the band's decayed evidence); 0 without a band or when the query states a price.
   */
  PROFILE_PRICE("profile_price", Transform.IDENTITY);

  /**
   * The reference point of {@link #PEER_SIMILARITY}: how alike a typical top-10 match is to the other
   * nine (mean 0.770, median 0.780 over the top 10 of crowdflower's 197 queries). A constant shift
   * changes no ranking; it makes the contribution say "more or less alike than usual" instead of
   * adding ~0.8 to every product and so leading every explanation.
   */
  public static final double TYPICAL_PEER_SIMILARITY = 0.77;

  /** All features, in model order. */
  public static final List<Feature> ALL = List.of(values());

  private final String featureName;
  private final Transform transform;

  Feature(String featureName, Transform transform) {
    this.featureName = featureName;
    this.transform = transform;
  }

  /** Whether this feature reads the shopper's profile (the {@code profile_...} family). */
  public boolean fromProfile() {
    return featureName.startsWith(PROFILE_PREFIX);
  }

  /** The name prefix of the features that read the shopper's profile. */
  public static final String PROFILE_PREFIX = "profile_";

  /** The stable name used in model files and contributions. */
  public String featureName() {
    return featureName;
  }

  /** Maps the natural value (e.g. a BM25 score) to the unscaled model input. */
  public double transform(double natural) {
    return switch (transform) {
      case IDENTITY -> natural;
      case LOG1P -> natural <= 0 ? 0.0 : Math.log1p(natural); // log1p(max(0, x)); most features of most candidates are 0
      case MINUS_PRIOR -> natural - RatingPrior.MEAN;
      case MINUS_TYPICAL_PEER -> natural == 0 ? 0 : natural - TYPICAL_PEER_SIMILARITY;
    };
  }

  /** The feature with this stable name, if any. */
  public static Optional<Feature> byName(String name) {
    for (Feature f : ALL) {
      if (f.featureName.equals(name)) return Optional.of(f);
    }
    return Optional.empty();
  }

  private enum Transform {
    IDENTITY,
    LOG1P,
    MINUS_PRIOR,
    /** Zero stays zero (no signal); otherwise relative to {@link #TYPICAL_PEER_SIMILARITY}. */
    MINUS_TYPICAL_PEER
  }
}
