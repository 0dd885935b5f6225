package dev.glasscart.ranking;

import static dev.glasscart.ranking.Fixtures.candidate;
import static dev.glasscart.ranking.Fixtures.product;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class FeatureExtractorTest {
  private final FeatureExtractor extractor = new FeatureExtractor();

  private double feature(Feature f, String query, List<Constraint> constraints, Product p) {
    RankingQuery q = RankingQuery.of(query, constraints, QueryTerms.english());
    return extractor.extract(q, candidate(p.id(), 1, Set.of("red"), 0.5), p)[f.ordinal()];
  }

  @Test
  void should_score_price_fit_inside_outside_and_without_a_range() {
    // Given a $80 product and ranges around it
    Product p = product("p", "red dress", "Nike", "dresses", 80, 0, 0, 1);
    List<Constraint> range = List.of(Constraint.of(Kind.PRICE_MIN, "50", 1), Constraint.of(Kind.PRICE_MAX, "120", 1));
    List<Constraint> tooLow = List.of(Constraint.of(Kind.PRICE_MAX, "60", 1));

    // Then inside is +1 with a margin of a third of the budget, outside is -1 with no margin, none is 0
    assertEquals(1, feature(Feature.PRICE_FIT, "dress", range, p));
    assertEquals(40.0 / 120, feature(Feature.BUDGET_MARGIN, "dress", range, p), 1e-12);
    assertEquals(-1, feature(Feature.PRICE_FIT, "dress", tooLow, p));
    assertEquals(0, feature(Feature.BUDGET_MARGIN, "dress", tooLow, p));
    assertEquals(0, feature(Feature.PRICE_FIT, "dress", List.of(), p));
    assertEquals(0, feature(Feature.BUDGET_MARGIN, "dress", List.of(), p));
  }

  @Test
  void should_score_brand_fit_for_asked_and_ruled_out_brands() {
    // Given a Nike product
    Product p = product("p", "shoe", "Nike", "shoes", 80, 0, 0, 1);

    // Then asking for Nike is +1 (case-insensitive), for Adidas -1, ruling Nike out -1, nothing 0
    assertEquals(1, feature(Feature.BRAND_FIT, "shoe", List.of(Constraint.of(Kind.BRAND, "nike", 1)), p));
    assertEquals(-1, feature(Feature.BRAND_FIT, "shoe", List.of(Constraint.of(Kind.BRAND, "Adidas", 1)), p));
    assertEquals(-1, feature(Feature.BRAND_FIT, "shoe", List.of(Constraint.of(Kind.NOT_BRAND, "Nike", 1)), p));
    assertEquals(0, feature(Feature.BRAND_FIT, "shoe", List.of(), p));
  }

  @Test
  void should_measure_title_coverage_as_the_share_of_query_terms_in_the_title() {
    // Given a query of three content words of which the title matched one ("red")
    Product p = product("p", "red dress", "", "", 10, 0, 0, 1);

    // Then coverage is one third; no title match means zero
    assertEquals(1.0 / 3, feature(Feature.TITLE_COVERAGE, "red summer hat", List.of(), p), 1e-12);
    RankingQuery q = RankingQuery.of("red summer hat", List.of(), QueryTerms.english());
    assertEquals(0, FeatureExtractor.titleCoverage(q, candidate("p", 1, Set.of(), 0.5)));
  }

  @Test
  void should_shrink_ratings_with_few_reviews_toward_the_prior() {
    // Then no reviews sits at the prior, 2 perfect reviews rank below 4.6 from 212
    assertEquals(RatingPrior.MEAN, RatingPrior.shrink(5.0, 0));
    double few = RatingPrior.shrink(5.0, 2);
    double many = RatingPrior.shrink(4.6, 212);
    assertEquals((10 * 3.0 + 2 * 5.0) / 12, few, 1e-12);
    assertEquals(true, many > few, "4.6 from 212 reviews should beat 5.0 from 2");
  }

  @Test
  void should_count_title_words_exactly_as_typed_without_stemming() {
    // Given a query whose words the title holds once in the typed form and once only as another form
    Product p = product("p", "Waterproof Hiking Boot", "", "", 10, 0, 0, 1);
    RankingQuery q = RankingQuery.of("waterproof hiking boots", List.of(), QueryTerms.lexical());

    // Then "waterproof" and "hiking" count (case folded), "boots" does not match "Boot"
    assertEquals(2.0 / 3, FeatureExtractor.exactCoverage(q, p.title()), 1e-12);
    assertEquals(0, FeatureExtractor.exactCoverage(RankingQuery.of(" ", List.of(), QueryTerms.lexical()), p.title()));
  }

  @Test
  void should_take_title_similarity_from_the_dense_title_signal_and_zero_without_it() {
    // Given a candidate with the title-only similarity signal and one without
    Product p = product("p", "red dress", "", "", 10, 0, 0, 1);
    RankingQuery q = RankingQuery.of("red dress", List.of(), QueryTerms.lexical());
    dev.glasscart.retrieval.Candidate with = new dev.glasscart.retrieval.Candidate(
        "p", 1, java.util.Map.of("dense_title", 0.83, "dense_title_peers", 0.61), java.util.Map.of());

    // Then the features are the signals, and 0 (no evidence) when absent
    assertEquals(0.83, extractor.extract(q, with, p)[Feature.TITLE_SEMANTIC.ordinal()], 1e-12);
    assertEquals(0.61, extractor.extract(q, with, p)[Feature.PEER_SIMILARITY.ordinal()], 1e-12);
    assertEquals(0, extractor.extract(q, candidate("p", 1, Set.of(), 0.5), p)[Feature.TITLE_SEMANTIC.ordinal()]);
    assertEquals(0, extractor.extract(q, candidate("p", 1, Set.of(), 0.5), p)[Feature.PEER_SIMILARITY.ordinal()]);
  }
}
