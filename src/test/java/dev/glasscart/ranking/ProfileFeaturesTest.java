package dev.glasscart.ranking;

import static dev.glasscart.ranking.Fixtures.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.profile.ShopperProfile;
import dev.glasscart.profile.ShopperProfile.Kind;
import dev.glasscart.query.Constraint;
import dev.glasscart.retrieval.Candidate;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The profile_... features: their own exact contributions, in the shopper's words, and nothing else. */
final class ProfileFeaturesTest {
  private static final Instant NOW = Instant.now();

  private static ShopperProfile randomProfile(Random random) {
    ShopperProfile p = ShopperProfile.EMPTY;
    String[] brands = {"Nike", "Adidas", "Puma"};
    for (String b : brands) if (random.nextBoolean()) p = p.with(Kind.BRAND, "", b, random.nextGaussian() * 2, NOW);
    if (random.nextBoolean()) p = p.with(Kind.CATEGORY, "", "dresses", random.nextGaussian(), NOW);
    if (random.nextBoolean()) p = p.with(Kind.ATTRIBUTE, "colour", "red", random.nextGaussian(), NOW);
    if (random.nextBoolean()) p = p.withPrice(random.nextDouble() * 50, 50 + random.nextDouble() * 100, 1, "USD", NOW);
    return p;
  }

  @Test
  void should_change_scores_only_through_profile_contributions_that_add_up_exactly() {
    // Given random products and candidates, a model with random weights, and random profiles
    Random random = new Random(11);
    AdditiveRanker ranker = Fixtures.randomRanker(random);
    List<Product> products = new ArrayList<>();
    List<Candidate> candidates = new ArrayList<>();
    String[] brands = {"Nike", "Adidas", "Puma"};
    for (int i = 0; i < 200; i++) {
      String id = "p" + i;
      products.add(product(id, "red dress " + i, brands[random.nextInt(3)], random.nextBoolean() ? "dresses" : "tops",
          random.nextDouble() * 200, random.nextDouble() * 5, random.nextInt(500), random.nextInt(3)));
      Map<String, Double> signals = new HashMap<>();
      signals.put("bm25_title", random.nextDouble() * 10);
      signals.put("dense", random.nextDouble());
      candidates.add(new Candidate(id, random.nextDouble(), signals, Map.of("title", Set.of("red"))));
    }
    Catalog catalog = new Catalog(products);
    List<RankedProduct> plain = ranker.rank("red dress", List.of(), candidates, catalog);
    Map<String, RankedProduct> plainById = new HashMap<>();
    for (RankedProduct r : plain) plainById.put(r.product().id(), r);

    for (int round = 0; round < 20; round++) {
      ShopperProfile profile = randomProfile(random);
      // When ranking for a shopper with that profile
      List<RankedProduct> ranked = ranker.rank("red dress", List.of(), candidates, catalog, profile);
      // Then every score is the plain score plus the profile contributions, and all contributions add up
      for (RankedProduct r : ranked) {
        double sum = r.contributions().stream().mapToDouble(Contribution::value).sum();
        assertEquals(r.score(), sum, 1e-9, "contributions of " + r.product().id());
        double profileShare = r.contributions().stream().filter(c -> c.feature().startsWith(Feature.PROFILE_PREFIX))
            .mapToDouble(Contribution::value).sum();
        assertEquals(plainById.get(r.product().id()).score() + profileShare, r.score(), 1e-9);
        List<Contribution> others = r.contributions().stream().filter(c -> !c.feature().startsWith(Feature.PROFILE_PREFIX)).toList();
        assertEquals(plainById.get(r.product().id()).contributions().size(), others.size());
      }
    }
  }

  @Test
  void should_lift_a_liked_brand_with_the_reason_in_the_shoppers_words() {
    // Given two equal products of two brands and a shopper who liked one brand and states a budget band
    AdditiveRanker ranker = AdditiveRanker.untrained();
    Product nike = product("n", "trail shoe", "Nike", "shoes", 80, 4, 10, 5);
    Product puma = product("p", "trail shoe", "Puma", "shoes", 80, 4, 10, 5);
    List<Candidate> candidates = List.of(Fixtures.candidate("p", 2, Set.of("trail", "shoe"), 0.6),
        Fixtures.candidate("n", 2, Set.of("trail", "shoe"), 0.6));
    ShopperProfile profile = ShopperProfile.EMPTY.with(Kind.BRAND, "", "nike", 1, NOW).withPrice(40, 90, 1, "USD", NOW);
    Catalog catalog = new Catalog(List.of(nike, puma));

    // When ranking without and with the profile
    List<RankedProduct> without = ranker.rank("trail shoe", List.of(), candidates, catalog);
    List<RankedProduct> with = ranker.rank("trail shoe", List.of(), candidates, catalog, profile);

    // Then retrieval order decides without it; with it the liked brand comes first, saying why
    assertEquals("p", without.get(0).product().id());
    assertEquals("n", with.get(0).product().id());
    Contribution brand = contribution(with.get(0), "profile_brand").orElseThrow();
    assertEquals("you liked Nike before", brand.label());
    assertEquals(0.5 * Math.tanh(1), brand.value(), 1e-6); // decayed by the milliseconds since NOW
    Contribution price = contribution(with.get(0), "profile_price").orElseThrow();
    assertEquals("in your usual price range ($40–$90)", price.label());
    assertTrue(contribution(without.get(0), "profile_brand").isEmpty());
  }

  @Test
  void should_leave_a_facet_to_the_wish_stated_now() {
    // Given a shopper who liked Nike, asking for Puma under $100 now
    ShopperProfile profile = ShopperProfile.EMPTY.with(Kind.BRAND, "", "Nike", 2, NOW).withPrice(10, 20, 1, "USD", NOW)
        .with(Kind.CATEGORY, "", "shoes", 1, NOW);
    Product nike = product("n", "trail shoe", "Nike", "shoes", 80, 4, 10, 5);
    List<RankedProduct> r = AdditiveRanker.untrained().rank("trail shoe",
        List.of(Constraint.of(Constraint.Kind.BRAND, "Puma", 1), Constraint.of(Constraint.Kind.PRICE_MAX, "100", 1)),
        List.of(Fixtures.candidate("n", 2, Set.of("trail"), 0.5)), new Catalog(List.of(nike)), profile);

    // Then neither the brand nor the price of the profile counts; the category still does
    assertTrue(contribution(r.get(0), "profile_brand").isEmpty());
    assertTrue(contribution(r.get(0), "profile_price").isEmpty());
    assertEquals("you liked shoes before", contribution(r.get(0), "profile_category").orElseThrow().label());
  }

  @Test
  void should_say_when_a_product_is_above_the_usual_price_range_or_of_a_ruled_out_brand() {
    ShopperProfile profile = ShopperProfile.EMPTY.with(Kind.BRAND, "", "Puma", -1, NOW).withPrice(Double.NaN, 50, 1, "USD", NOW);
    Product puma = product("p", "trail shoe", "Puma", "shoes", 100, 4, 10, 5);
    RankedProduct r = AdditiveRanker.untrained().rank("trail shoe", List.of(),
        List.of(Fixtures.candidate("p", 2, Set.of("trail"), 0.5)), new Catalog(List.of(puma)), profile).get(0);
    Contribution brand = contribution(r, "profile_brand").orElseThrow();
    assertEquals("you ruled out Puma before", brand.label());
    assertTrue(brand.value() < 0);
    Contribution price = contribution(r, "profile_price").orElseThrow();
    assertEquals("above your usual price range (up to $50)", price.label());
    assertEquals(-0.3 * Math.tanh(1), price.value(), 1e-6); // (100 - 50) / 50 = 1: the whole strength
  }

  @Test
  void should_keep_profile_weights_of_a_model_file_that_predates_them_and_train_none() throws Exception {
    // Given the shipped model file (trained on a dataset without profiles, listing no profile feature)
    RankerModel shipped = RankerModel.load(Path.of("models", "ranker.json"));
    // Then the profile features keep their hand-set weights rather than weighing 0
    for (Feature f : Feature.ALL) {
      if (!f.fromProfile()) continue;
      assertFalse(shipped.features().contains(f.featureName()), "the shipped model was trained without " + f.featureName());
      assertEquals(RankerModel.untrained().weight(f), shipped.weight(f), 0.0, f.featureName());
      assertTrue(shipped.weight(f) > 0);
    }
  }

  private static Optional<Contribution> contribution(RankedProduct r, String feature) {
    return r.contributions().stream().filter(c -> c.feature().equals(feature)).findFirst();
  }
}
