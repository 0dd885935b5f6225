package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.query.Intent;
import dev.glasscart.query.Understanding;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Multi-turn transcripts over the demo catalog. Each turn: understand, filter the WHOLE catalog,
 * check 100% adherence, that the expected constraints (with their turns) are in force, and, for
 * search turns, that the result equals an independent predicate over the product fields.
 */
final class DemoTranscriptTest {
  private static final Catalog CATALOG = new Catalog(DemoCatalog.generate());
  private static final CatalogVocabulary VOCABULARY = CatalogVocabulary.from(CATALOG);
  private final Understander understander = new Understander(VOCABULARY, CATALOG);
  private final ConstraintFilter filter = new ConstraintFilter(CATALOG);
  private final DialogueState state = new DialogueState();

  private List<Product> turn(int n, String text, Predicate<Product> oracle, Constraint... expected) {
    Understanding u = understander.understand(state, text, n);
    for (Constraint c : expected) assertTrue(u.constraints().contains(c), "turn " + n + " lacks " + c + " in " + u.constraints());
    ConstraintFilter.Result r = filter.apply(CATALOG.products(), u.constraints());
    for (Product p : r.products()) assertTrue(ConstraintFilter.satisfies(p, u.constraints()), "turn " + n + ": " + p + " breaks " + u.constraints());
    List<String> want = CATALOG.products().stream().filter(oracle).map(Product::id).sorted().toList();
    assertEquals(want, r.products().stream().map(Product::id).sorted().toList(), "turn " + n + " " + u.constraints());
    state.shown(r.products().stream().limit(5).toList());
    return r.products();
  }

  private static boolean has(Product p, String key, String word) {
    String v = p.attribute(key);
    return v != null && (" " + v.toLowerCase().replaceAll("[^a-z0-9]+", " ") + " ").contains(" " + word + " ");
  }

  @Test
  void should_follow_a_running_shoe_conversation_over_the_demo_catalog() {
    Predicate<Product> womensRunning = p -> p.category().equals("running shoes") && "women".equals(p.attribute("gender"));
    List<Product> t1 = turn(1, "running shoes for women under $120", womensRunning.and(p -> p.price() <= 120),
        Constraint.of(Kind.CATEGORY, "running shoes", 1), new Constraint(Kind.ATTRIBUTE, "gender", "women", 1),
        Constraint.of(Kind.PRICE_MAX, "120", 1));
    assertFalse(t1.isEmpty());
    List<Product> t2 = turn(2, "only Nike", womensRunning.and(p -> p.price() <= 120 && p.brand().equals("Nike")),
        Constraint.of(Kind.PRICE_MAX, "120", 1), Constraint.of(Kind.BRAND, "Nike", 2));
    double cheapestShown = t2.stream().limit(5).mapToDouble(Product::price).min().orElseThrow();
    String cap = PhraseRules.format(cheapestShown - 0.01);
    List<Product> t3 = turn(3, "something cheaper", womensRunning.and(p -> p.price() < cheapestShown && p.brand().equals("Nike")),
        Constraint.of(Kind.BRAND, "Nike", 2), Constraint.of(Kind.PRICE_MAX, cap, 3));
    turn(4, "not black", womensRunning.and(p -> p.price() < cheapestShown && p.brand().equals("Nike") && !has(p, "colour", "black")),
        Constraint.of(Kind.PRICE_MAX, cap, 3), new Constraint(Kind.NOT_ATTRIBUTE, "colour", "black", 4));
    if (state.shown().size() >= 2) {
      Understanding cmp = understander.understand(state, "compare the top two", 5);
      assertEquals(Intent.COMPARE, cmp.intent());
      assertEquals(List.of(state.shown().get(0).id(), state.shown().get(1).id()), cmp.referencedProductIds());
    }
    Understanding whyNot = understander.understand(state, "why not the Adidas one?", 6);
    assertEquals(Intent.WHY_NOT, whyNot.intent());
    Product adidas = CATALOG.get(whyNot.referencedProductIds().get(0)).orElseThrow();
    assertEquals("Adidas", adidas.brand());
    assertEquals("running shoes", adidas.category());
    assertTrue(t3.size() <= t2.size());
  }

  @Test
  void should_start_fresh_on_laptops_then_boots_over_the_demo_catalog() {
    turn(1, "running shoes under $100", p -> p.category().equals("running shoes") && p.price() <= 100);
    Predicate<Product> laptops16 = p -> p.category().equals("laptops") && has(p, "ram", "16gb");
    turn(2, "now I need a laptop with 16GB RAM", laptops16,
        Constraint.of(Kind.CATEGORY, "laptops", 2), new Constraint(Kind.ATTRIBUTE, "ram", "16GB", 2));
    assertEquals(2, state.constraints().size(), "the shoe constraints are gone: " + state.constraints());
    turn(3, "Apple only, 4.5 stars and up", laptops16.and(p -> p.brand().equals("Apple") && p.rating() >= 4.5),
        Constraint.of(Kind.CATEGORY, "laptops", 2), Constraint.of(Kind.BRAND, "Apple", 3), Constraint.of(Kind.RATING_MIN, "4.5", 3));
    assertEquals(1, understander.understand(state, "show more", 4).page());
    Predicate<Product> boots = p -> p.category().equals("hiking boots") && "men".equals(p.attribute("gender"))
        && "yes".equals(p.attribute("waterproof")) && !has(p, "material", "leather");
    turn(5, "waterproof hiking boots for men under 150 dollars, no leather", boots.and(p -> p.price() <= 150),
        Constraint.of(Kind.CATEGORY, "hiking boots", 5), new Constraint(Kind.NOT_ATTRIBUTE, "material", "leather", 5),
        new Constraint(Kind.ATTRIBUTE, "waterproof", "yes", 5), Constraint.of(Kind.PRICE_MAX, "150", 5));
    List<Product> t6 = turn(6, "The North Face or Merrell, best rated",
        boots.and(p -> p.price() <= 150 && (p.brand().equals("The North Face") || p.brand().equals("Merrell"))),
        Constraint.of(Kind.BRAND, "The North Face", 6), Constraint.of(Kind.BRAND, "Merrell", 6), Constraint.of(Kind.SORT, "BEST_RATED", 6));
    for (int i = 1; i < t6.size(); i++) assertTrue(t6.get(i - 1).rating() >= t6.get(i).rating(), "sorted by rating");
    double priciestShown = t6.stream().limit(5).mapToDouble(Product::price).max().orElse(0);
    turn(7, "something more premium", boots.and(p -> p.price() > priciestShown && p.price() <= 150
        && (p.brand().equals("The North Face") || p.brand().equals("Merrell"))), Constraint.of(Kind.PRICE_MAX, "150", 5));
  }
}
