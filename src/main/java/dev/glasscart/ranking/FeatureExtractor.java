package dev.glasscart.ranking;

import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Signals;
import java.util.List;
import java.util.Set;

/**
 * Computes the natural value of every {@link Feature} for one (query, candidate, product): BM25
 * per field and the dense similarity come from the candidate's signals, title coverage from its
 * matched terms, constraint fit and quality from the product. Stateless and thread-safe; never
 * blocks.
 */
public final class FeatureExtractor {

  /** Natural values in {@link Feature#ALL} order; zero means "no evidence". */
  public double[] extract(RankingQuery q, Candidate c, Product p) {
    double[] v = new double[Feature.ALL.size()];
    v[Feature.TITLE_MATCH.ordinal()] = c.signal(Signals.BM25_TITLE);
    v[Feature.BRAND_MATCH.ordinal()] = c.signal(Signals.BM25_BRAND);
    v[Feature.CATEGORY_MATCH.ordinal()] = c.signal(Signals.BM25_CATEGORY);
    v[Feature.ATTRIBUTE_MATCH.ordinal()] = c.signal(Signals.BM25_ATTRIBUTES);
    v[Feature.DESCRIPTION_MATCH.ordinal()] = c.signal(Signals.BM25_DESCRIPTION);
    v[Feature.SEMANTIC.ordinal()] = c.signal(Signals.DENSE);
    v[Feature.TITLE_COVERAGE.ordinal()] = titleCoverage(q, c);
    v[Feature.PRICE_FIT.ordinal()] = priceFit(q, p);
    v[Feature.BUDGET_MARGIN.ordinal()] = budgetMargin(q, p);
    v[Feature.BRAND_FIT.ordinal()] = fit(q.brand(), p);
    v[Feature.CATEGORY_FIT.ordinal()] = fit(q.category(), p);
    v[Feature.ATTRIBUTE_FIT.ordinal()] = fit(q.attribute(), p);
    v[Feature.RATING.ordinal()] = RatingPrior.shrink(p.rating(), p.reviewCount());
    v[Feature.REVIEW_COUNT.ordinal()] = p.reviewCount();
    v[Feature.IN_STOCK.ordinal()] = p.inStock() ? 1 : 0;
    v[Feature.KEYWORD_RANK.ordinal()] = c.signal(Signals.LEXICAL_PART);
    v[Feature.MEANING_RANK.ordinal()] = c.signal(Signals.SEMANTIC_PART);
    v[Feature.DESCRIPTION_COVERAGE.ordinal()] = coverage(q, c, Signals.DESCRIPTION);
    double titleCoverage = v[Feature.TITLE_COVERAGE.ordinal()];
    v[Feature.TITLE_ALL_TERMS.ordinal()] = q.terms().size() >= 2 && titleCoverage >= 1 ? 1 : 0;
    v[Feature.QUERY_COVERAGE.ordinal()] = anyFieldCoverage(q, c);
    v[Feature.TITLE_PHRASE.ordinal()] = titleCoverage >= 1 && phraseIn(q, q.analyze(p.title())) ? 1 : 0;
    v[Feature.TITLE_SEMANTIC.ordinal()] = c.signal(Signals.DENSE_TITLE);
    v[Feature.TITLE_EXACT.ordinal()] = exactCoverage(q, p.title());
    v[Feature.PEER_SIMILARITY.ordinal()] = c.signal(Signals.DENSE_TITLE_PEERS);
    return v;
  }

  /** Share of the query's exact (unstemmed) words that occur in {@code title} as exact words. */
  static double exactCoverage(RankingQuery q, String title) {
    if (q.exact().isEmpty() || title == null || title.isBlank()) return 0;
    Set<String> words = RankingQuery.EXACT.terms(title);
    int found = 0;
    for (String w : q.exact()) {
      if (words.contains(w)) found++;
    }
    return (double) found / q.exact().size();
  }

  static double titleCoverage(RankingQuery q, Candidate c) {
    return coverage(q, c, Signals.TITLE);
  }

  /** Share of the query's terms that matched {@code field}. */
  static double coverage(RankingQuery q, Candidate c, String field) {
    Set<String> matched = c.matchedTerms().getOrDefault(field, Set.of());
    if (matched.isEmpty()) return 0;
    int denominator = Math.max(q.terms().size(), matched.size());
    int found = 0;
    for (String t : matched) {
      if (q.terms().isEmpty() || q.terms().contains(t)) found++;
    }
    return (double) found / denominator;
  }

  static double anyFieldCoverage(RankingQuery q, Candidate c) {
    if (q.terms().isEmpty()) return 0;
    int found = 0;
    for (String t : q.terms()) {
      for (Set<String> terms : c.matchedTerms().values()) {
        if (terms.contains(t)) {
          found++;
          break;
        }
      }
    }
    return (double) found / q.terms().size();
  }

  /** Whether the analyzed title contains the query's terms in order, next to each other. */
  static boolean phraseIn(RankingQuery q, List<String> title) {
    if (q.terms().size() < 2) return false;
    return java.util.Collections.indexOfSubList(title, List.copyOf(q.terms())) >= 0;
  }

  static double priceFit(RankingQuery q, Product p) {
    if (q.price().isEmpty()) return 0;
    for (Constraint c : q.price()) {
      if (!c.test(p)) return -1;
    }
    return 1;
  }

  static double budgetMargin(RankingQuery q, Product p) {
    double max = q.priceMax();
    if (!(max > 0) || p.price() > max + 1e-9) return 0;
    return Math.min(1, Math.max(0, (max - p.price()) / max));
  }

  /** Mean of +1 (holds) / -1 (fails) over {@code constraints}; 0 when there are none. */
  static double fit(List<Constraint> constraints, Product p) {
    if (constraints.isEmpty()) return 0;
    double sum = 0;
    for (Constraint c : constraints) sum += c.test(p) ? 1 : -1;
    return sum / constraints.size();
  }
}
