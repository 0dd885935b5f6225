package dev.glasscart.retrieval;

import java.util.Map;

/**
 * The names every retriever and the ranker agree on: the signals a {@link Candidate} carries and
 * the product fields its {@link Candidate#matchedTerms()} are keyed by. Retrievers write them,
 * ranking and conversation read them; neither needs the other's classes.
 */
public final class Signals {
  /** Product fields, as indexed and as keys of {@link Candidate#matchedTerms()}. */
  public static final String ID = "id";
  public static final String TITLE = "title";
  public static final String BRAND = "brand";
  public static final String CATEGORY = "category";
  public static final String TAGS = "tags";
  public static final String ATTRIBUTES = "attributes";
  public static final String DESCRIPTION = "description";

  /** The BM25 score of the whole query. */
  public static final String BM25 = "bm25";
  /** The BM25 contribution of one field (category and tags share one). */
  public static final String BM25_TITLE = "bm25_title";
  public static final String BM25_BRAND = "bm25_brand";
  public static final String BM25_CATEGORY = "bm25_category";
  public static final String BM25_ATTRIBUTES = "bm25_attributes";
  public static final String BM25_DESCRIPTION = "bm25_description";

  /** Cosine of the query with the product's full-text embedding. */
  public static final String DENSE = "dense";
  /** Cosine of the query with the product's title embedding. */
  public static final String DENSE_TITLE = "dense_title";
  /** Cosine of the product's title with the mean title of the other top candidates. */
  public static final String DENSE_TITLE_PEERS = "dense_title_peers";

  /** The two parts of a fused score; their sum is the fused score exactly. */
  public static final String LEXICAL_PART = "lexical_part";
  public static final String SEMANTIC_PART = "semantic_part";

  /** The per-field BM25 signal each product field contributes to. */
  public static final Map<String, String> BM25_SIGNAL_BY_FIELD = Map.of(
      TITLE, BM25_TITLE,
      BRAND, BM25_BRAND,
      CATEGORY, BM25_CATEGORY,
      TAGS, BM25_CATEGORY,
      ATTRIBUTES, BM25_ATTRIBUTES,
      DESCRIPTION, BM25_DESCRIPTION);

  private Signals() {}
}
