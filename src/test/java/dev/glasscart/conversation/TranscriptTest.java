package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.query.Intent;
import dev.glasscart.query.Understanding;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Multi-turn transcripts over the in-test catalog. Each turn: understand, filter the WHOLE
 * catalog by the constraints, check every result satisfies every constraint and that the
 * expected constraints (with the turns they came from) are in force.
 */
final class TranscriptTest {
  private final Catalog catalog = TestCatalog.build();
  private final Understander understander = new Understander(CatalogVocabulary.from(catalog), catalog);
  private final ConstraintFilter filter = new ConstraintFilter(catalog);
  private final DialogueState state = new DialogueState();

  /** Runs one turn and shows the first five results, as the lead would. */
  private ConstraintFilter.Result turn(int n, String text, Constraint... expected) {
    Understanding u = understander.understand(state, text, n);
    for (Constraint c : expected) assertTrue(u.constraints().contains(c), "turn " + n + " lacks " + c + " in " + u.constraints());
    ConstraintFilter.Result r = filter.apply(catalog.products(), u.constraints());
    for (Product p : r.products()) {
      assertTrue(ConstraintFilter.satisfies(p, u.constraints()), "turn " + n + ": " + p.id() + " breaks " + u.constraints());
    }
    if (r.products().isEmpty()) assertFalse(r.note().isBlank(), "an empty result must say why");
    state.shown(r.products().stream().limit(5).toList());
    return r;
  }

  private static List<String> ids(ConstraintFilter.Result r) {
    return r.products().stream().map(Product::id).toList();
  }

  @Test
  void should_follow_a_running_shoe_conversation() {
    Constraint cap = Constraint.of(Kind.PRICE_MAX, "120", 1);
    Constraint women = new Constraint(Kind.ATTRIBUTE, "gender", "women", 1);
    Constraint shoes = Constraint.of(Kind.CATEGORY, "Running Shoes", 1);
    assertEquals(List.of("s2", "s5", "s6"), ids(turn(1, "running shoes for women under $120", cap, women, shoes)));
    assertEquals(List.of("s2"), ids(turn(2, "only Nike", cap, women, shoes, Constraint.of(Kind.BRAND, "Nike", 2))));
    ConstraintFilter.Result r = turn(3, "something cheaper", women, shoes, Constraint.of(Kind.PRICE_MAX, "69.98", 3));
    assertTrue(r.products().isEmpty());
    assertEquals("no Nike women Running Shoes under $69.98; the cheapest is $69.99", r.note());
    assertEquals(List.of("s5"), ids(turn(4, "ok, any brand but Nike", Constraint.of(Kind.NOT_BRAND, "Nike", 4),
        Constraint.of(Kind.PRICE_MAX, "69.98", 3))));
    state.remove(Constraint.of(Kind.PRICE_MAX, "69.98", 3));
    ConstraintFilter.Result afterRemove = filter.apply(catalog.products(), state.understanding().constraints());
    assertEquals(List.of("s4", "s5", "s6", "s7"), ids(afterRemove));
    Understanding why = understander.understand(state, "why not the Nike one?", 5);
    assertEquals(Intent.WHY_NOT, why.intent());
    assertEquals("Nike", catalog.get(why.referencedProductIds().get(0)).orElseThrow().brand());
  }

  @Test
  void should_follow_a_boots_then_headphones_conversation() {
    turn(1, "hiking boots, no leather", Constraint.of(Kind.CATEGORY, "Hiking Boots", 1),
        new Constraint(Kind.NOT_ATTRIBUTE, "material", "leather", 1));
    ConstraintFilter.Result r = turn(2, "The North Face only", Constraint.of(Kind.BRAND, "The North Face", 2));
    assertTrue(r.products().isEmpty());
    assertTrue(r.note().startsWith("no The North Face"), r.note());
    assertEquals(List.of("b3", "b2"), ids(turn(3, "best rated, anything but The North Face",
        Constraint.of(Kind.SORT, "BEST_RATED", 3), Constraint.of(Kind.NOT_BRAND, "The North Face", 3))).subList(0, 2));
    Understanding cmp = understander.understand(state, "compare the top two", 4);
    assertEquals(List.of("b3", "b2"), cmp.referencedProductIds());
    ConstraintFilter.Result hp = turn(5, "now headphones 4.5 stars and up, not Apple",
        Constraint.of(Kind.CATEGORY, "Headphones", 5), Constraint.of(Kind.RATING_MIN, "4.5", 5), Constraint.of(Kind.NOT_BRAND, "Apple", 5));
    assertEquals(3, state.constraints().size(), "the boots constraints are gone: " + state.constraints());
    assertEquals(List.of("h1", "h2"), ids(hp));
    assertEquals(List.of("h1", "h2"), ids(turn(6, "in stock", Constraint.of(Kind.IN_STOCK, "true", 6))));
    assertEquals(List.of("h2", "h1"), ids(turn(7, "most expensive first", Constraint.of(Kind.SORT, "PRICIEST", 7))));
    Understanding more = understander.understand(state, "show more", 8);
    assertEquals(Intent.MORE, more.intent());
    assertEquals(1, more.page());
  }
}
