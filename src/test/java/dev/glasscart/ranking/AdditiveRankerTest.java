package dev.glasscart.ranking;

import static dev.glasscart.ranking.Fixtures.candidate;
import static dev.glasscart.ranking.Fixtures.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.retrieval.Candidate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class AdditiveRankerTest {
  private static final List<String> SIGNALS = List.of(
      "bm25_title", "bm25_brand", "bm25_category", "bm25_attributes", "bm25_description", "dense");

  @Test
  void should_make_contributions_add_up_to_score_for_random_candidates() {
    // Given random products, candidates, constraints and a model with random weights and scales
    Random random = new Random(7);
    double[] w = new double[Feature.ALL.size()];
    double[] s = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = random.nextGaussian();
      s[i] = 0.1 + random.nextDouble() * 3;
    }
    AdditiveRanker ranker = new AdditiveRanker(RankerModel.of(w, s, random.nextGaussian(), TrainingNote.untrained()),
        QueryTerms.english());
    List<Product> products = new ArrayList<>();
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String id = "p" + i;
      products.add(product(id, "red dress " + i, random.nextBoolean() ? "Nike" : "Adidas", "dresses",
          random.nextDouble() * 200, random.nextDouble() * 5, random.nextInt(500), random.nextInt(3)));
      Map<String, Double> signals = new HashMap<>();
      for (String name : SIGNALS) if (random.nextBoolean()) signals.put(name, random.nextDouble() * 10);
      candidates.add(new Candidate(id, random.nextDouble(), signals,
          random.nextBoolean() ? Map.of("title", Set.of("red")) : Map.of()));
    }
    List<Constraint> constraints = List.of(Constraint.of(Kind.PRICE_MAX, "120", 1),
        Constraint.of(Kind.BRAND, "Nike", 1), new Constraint(Kind.ATTRIBUTE, "colour", "red", 2));

    // When ranking
    List<RankedProduct> ranked = ranker.rank("red dress", constraints, candidates, new Catalog(products));

    // Then every product's contributions add up to its score, and products come best first
    assertEquals(300, ranked.size());
    for (int i = 0; i < ranked.size(); i++) {
      RankedProduct r = ranked.get(i);
      assertEquals(i + 1, r.rank());
      double sum = r.contributions().stream().mapToDouble(Contribution::value).sum();
      assertEquals(r.score(), sum, 1e-6, "contributions of " + r.product().id());
      if (i > 0) assertTrue(ranked.get(i - 1).score() >= r.score());
    }
  }

  @Test
  void should_sort_contributions_by_absolute_value_and_keep_the_baseline() {
    // Given a product with many kinds of evidence
    Product p = product("p1", "red dress", "Nike", "dresses", 80, 4.6, 212, 5);
    Candidate c = new Candidate("p1", 3, Map.of("bm25_title", 4.0, "bm25_brand", 0.5, "dense", 0.7),
        Map.of("title", Set.of("red", "dress")));

    // When ranking with a constraint that holds
    RankedProduct r = AdditiveRanker.untrained()
        .rank("red dress", List.of(Constraint.of(Kind.PRICE_MAX, "120", 1)), List.of(c), new Catalog(List.of(p)))
        .get(0);

    // Then contributions are ordered by |value|, have no zeros, and include the baseline once
    List<Contribution> cs = r.contributions();
    for (int i = 1; i < cs.size(); i++) assertTrue(Math.abs(cs.get(i - 1).value()) >= Math.abs(cs.get(i).value()));
    assertEquals(1, cs.stream().filter(x -> x.feature().equals(AdditiveRanker.BASELINE)).count());
    assertTrue(cs.stream().filter(x -> !x.feature().equals(AdditiveRanker.BASELINE)).allMatch(x -> x.value() != 0));
  }

  @Test
  void should_label_matched_terms_constraints_and_quality_in_words() {
    // Given a Nike dress under budget, well rated, in stock, whose title matched two query terms
    Product p = product("p1", "Red summer dress", "Nike", "dresses", 80, 4.6, 212, 5);
    Candidate c = candidate("p1", 4.0, Set.of("red", "dress"), 0.6);
    List<Constraint> constraints = List.of(Constraint.of(Kind.PRICE_MAX, "120", 1), Constraint.of(Kind.BRAND, "nike", 2));

    // When ranking
    RankedProduct r = AdditiveRanker.untrained().rank("red dress", constraints, List.of(c), new Catalog(List.of(p))).get(0);

    // Then the labels say why in words
    Map<String, String> labels = new HashMap<>();
    r.contributions().forEach(x -> labels.put(x.feature(), x.label()));
    assertEquals("title matches 'dress', 'red'", labels.get("title_match"));
    assertEquals("under your $120 budget", labels.get("price_fit"));
    assertEquals("$40 under your $120 budget", labels.get("budget_margin"));
    assertEquals("Nike, as you asked", labels.get("brand_fit"));
    assertEquals("rated 4.6 from 212 reviews", labels.get("rating"));
    assertEquals("in stock", labels.get("in_stock"));
    assertEquals("title has 100% of your search words", labels.get("title_coverage"));
  }

  @Test
  void should_label_query_coverage_phrase_and_retrieval_parts() {
    // Given a title holding the whole query as a phrase, found by both retrieval sides
    Product p = product("p1", "Red leather dress, long", "", "", 10, 0, 0, 1);
    Candidate c = new Candidate("p1", 1.0, Map.of("bm25_title", 3.0, "dense", 0.6, "lexical_part", 0.4,
        "semantic_part", 0.5), Map.of("title", Set.of("red", "leather", "dress")));

    // When ranking
    RankedProduct r = AdditiveRanker.untrained().rank("red leather dress", List.of(), List.of(c),
        new Catalog(List.of(p))).get(0);

    // Then the untrained defaults name the evidence in words (retrieval parts weigh 0 untrained)
    Map<String, Contribution> byFeature = new HashMap<>();
    r.contributions().forEach(x -> byFeature.put(x.feature(), x));
    assertEquals("title has your exact phrase 'red leather dress'", byFeature.get("title_phrase").label());
    assertEquals("mentions 100% of your search words", byFeature.get("query_coverage").label());
    assertEquals("title has all your search words", byFeature.get("title_all_terms").label());
    assertEquals(1.0, byFeature.get("title_coverage").raw());
    assertTrue(!byFeature.containsKey("keyword_rank"), "untrained weight of keyword_rank is 0, so it is omitted");
  }

  @Test
  void should_rank_the_product_that_fits_price_and_brand_above_one_that_does_not() {
    // Given two otherwise identical products, one over budget and of another brand
    Product fits = product("fits", "running shoe", "Nike", "shoes", 90, 0, 0, 1);
    Product misses = product("misses", "running shoe", "Adidas", "shoes", 150, 0, 0, 1);
    List<Candidate> candidates = List.of(candidate("misses", 3.0, Set.of("shoe"), 0.5),
        candidate("fits", 3.0, Set.of("shoe"), 0.5));
    List<Constraint> constraints = List.of(Constraint.of(Kind.PRICE_MAX, "100", 1), Constraint.of(Kind.BRAND, "Nike", 1));

    // When ranking
    List<RankedProduct> ranked = AdditiveRanker.untrained()
        .rank("running shoe", constraints, candidates, new Catalog(List.of(fits, misses)));

    // Then the fitting one is first and the other's labels say what it misses
    assertEquals("fits", ranked.get(0).product().id());
    List<String> missLabels = ranked.get(1).contributions().stream().map(Contribution::label).toList();
    assertTrue(missLabels.contains("over your $100 budget"), missLabels.toString());
    assertTrue(missLabels.contains("you asked for Nike"), missLabels.toString());
  }

  @Test
  void should_drop_candidates_whose_product_is_not_in_the_catalog() {
    // Given a candidate for an unknown product
    Product p = product("p1", "red dress", "", "", 10, 0, 0, 1);
    List<Candidate> candidates = List.of(candidate("ghost", 9, Set.of("red"), 0.9), candidate("p1", 1, Set.of(), 0.1));

    // When ranking
    List<RankedProduct> ranked = AdditiveRanker.untrained().rank("red", List.of(), candidates, new Catalog(List.of(p)));

    // Then only the known product remains, at rank 1
    assertEquals(1, ranked.size());
    assertEquals("p1", ranked.get(0).product().id());
    assertEquals(1, ranked.get(0).rank());
  }
}
