package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.query.Understanding;
import java.util.List;
import org.junit.jupiter.api.Test;

final class DialogueStateTest {
  private final Catalog catalog = TestCatalog.build();
  private final Understander understander = new Understander(CatalogVocabulary.from(catalog), catalog);
  private final DialogueState state = new DialogueState();

  private Understanding say(int turn, String text) {
    return understander.understand(state, text, turn);
  }

  @Test
  void should_keep_earlier_constraints_on_a_refinement_and_replace_same_kind() {
    say(1, "running shoes for women under $120");
    Understanding u = say(2, "only Nike");
    assertTrue(u.constraints().contains(Constraint.of(Kind.PRICE_MAX, "120", 1)));
    assertTrue(u.constraints().contains(Constraint.of(Kind.BRAND, "Nike", 2)));
    assertTrue(u.constraints().contains(Constraint.of(Kind.CATEGORY, "Running Shoes", 1)));
    // a new brand include replaces the previous one, a new cap the old cap
    u = say(3, "Adidas under $100");
    assertTrue(u.constraints().contains(Constraint.of(Kind.BRAND, "Adidas", 3)));
    assertFalse(u.constraints().stream().anyMatch(c -> c.value().equals("Nike")));
    assertEquals(List.of("100"), u.constraints().stream().filter(c -> c.kind() == Kind.PRICE_MAX).map(Constraint::value).toList());
    assertEquals("running shoes", u.query());
  }

  @Test
  void should_let_an_exclude_cancel_an_include_and_vice_versa() {
    say(1, "running shoes only Nike");
    Understanding u = say(2, "not Nike");
    assertEquals(List.of(Constraint.of(Kind.NOT_BRAND, "Nike", 2)),
        u.constraints().stream().filter(c -> c.value().equals("Nike")).toList());
    u = say(3, "ok Nike after all");
    assertEquals(List.of(Constraint.of(Kind.BRAND, "Nike", 3)),
        u.constraints().stream().filter(c -> c.value().equals("Nike")).toList());
  }

  @Test
  void should_cap_cheaper_below_the_first_shown_product() {
    say(1, "running shoes for women");
    // the answer led with the $129.99 pair; a cheaper $69.99 pair on the same page does not set the cap
    state.shown(List.of(catalog.get("s1").orElseThrow(), catalog.get("s2").orElseThrow(), catalog.get("s4").orElseThrow()));
    Understanding u = say(2, "something cheaper");
    assertTrue(u.constraints().contains(Constraint.of(Kind.PRICE_MAX, "129.98", 2)), u.constraints().toString());
    assertTrue(u.constraints().contains(new Constraint(Kind.ATTRIBUTE, "gender", "women", 1)));
  }

  @Test
  void should_measure_cheaper_than_a_named_product_against_that_product_only() {
    say(1, "running shoes");
    state.shown(List.of(catalog.get("s4").orElseThrow(), catalog.get("s7").orElseThrow(), catalog.get("s2").orElseThrow()));
    Understanding u = say(2, "anything cheaper than the second one?");
    assertTrue(u.constraints().contains(Constraint.of(Kind.PRICE_MAX, "139.94", 2)), u.constraints().toString());
  }

  @Test
  void should_move_an_existing_bound_or_sort_when_nothing_was_shown() {
    Understanding u = say(1, "headphones under $300");
    u = say(2, "cheaper");
    assertTrue(u.constraints().contains(Constraint.of(Kind.PRICE_MAX, "240", 2)), u.constraints().toString());
    DialogueState fresh = new DialogueState();
    understander.understand(fresh, "laptops", 1);
    assertTrue(understander.understand(fresh, "more expensive", 2).constraints().contains(Constraint.of(Kind.SORT, "PRICIEST", 2)));
  }

  @Test
  void should_raise_the_floor_above_the_first_shown_on_more_premium_and_drop_a_conflicting_cap() {
    say(1, "running shoes under $150");
    state.shown(List.of(catalog.get("s1").orElseThrow(), catalog.get("s7").orElseThrow()));
    Understanding u = say(2, "something more premium");
    assertTrue(u.constraints().contains(Constraint.of(Kind.PRICE_MIN, "130", 2)), u.constraints().toString());
    assertTrue(u.constraints().contains(Constraint.of(Kind.PRICE_MAX, "150", 1)));
    u = say(3, "over $200");
    assertFalse(u.constraints().stream().anyMatch(c -> c.kind() == Kind.PRICE_MAX), "a cap below the new floor goes");
  }

  @Test
  void should_let_a_stated_amount_win_over_a_relative_word() {
    say(1, "running shoes");
    state.shown(List.of(catalog.get("s2").orElseThrow(), catalog.get("s7").orElseThrow()));
    Understanding u = say(2, "anything pricier, over $150?");
    assertTrue(u.constraints().contains(Constraint.of(Kind.PRICE_MIN, "150", 2)), u.constraints().toString());
    assertEquals(1, u.constraints().stream().filter(c -> c.kind() == Kind.PRICE_MIN).count());
  }

  @Test
  void should_start_fresh_on_a_new_topic() {
    say(1, "running shoes only Nike under $120");
    Understanding u = say(2, "now I need a laptop");
    assertEquals(List.of(Constraint.of(Kind.CATEGORY, "Laptops", 2)), u.constraints());
    assertEquals("laptop", u.query());
    // a product noun of another category, without naming a category, also starts fresh
    say(3, "under $600");
    u = say(4, "hiking boots please");
    assertFalse(u.constraints().stream().anyMatch(c -> c.kind() == Kind.PRICE_MAX));
  }

  @Test
  void should_not_start_fresh_on_a_noun_of_the_same_topic() {
    say(1, "headphones under $300");
    Understanding u = say(2, "wireless ones");
    assertTrue(u.constraints().contains(Constraint.of(Kind.PRICE_MAX, "300", 1)));
    assertEquals("headphones wireless", u.query());
  }

  @Test
  void should_remove_a_constraint_ignoring_its_turn() {
    say(1, "running shoes under $120 not black");
    assertTrue(state.remove(new Constraint(Kind.NOT_ATTRIBUTE, "colour", "Black", 0)));
    assertTrue(state.remove(Constraint.of(Kind.PRICE_MAX, "120.00", 0)));
    assertFalse(state.remove(Constraint.of(Kind.BRAND, "Nike", 0)));
    assertEquals(List.of(Constraint.of(Kind.CATEGORY, "Running Shoes", 1)), state.understanding().constraints());
  }
}
