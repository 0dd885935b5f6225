package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Intent;
import dev.glasscart.query.Understanding;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class IntentAndReferenceTest {
  private final Catalog catalog = TestCatalog.build();
  private final Understander understander = new Understander(CatalogVocabulary.from(catalog), catalog);
  private DialogueState state;

  @BeforeEach
  void given_headphones_were_shown() {
    state = new DialogueState();
    understander.understand(state, "wireless headphones not Anker", 1);
    // the caller shows h1 (Sony), h2 (Bose), h4 (Samsung), h3 (Apple)
    state.shown(List.of(p("h1"), p("h2"), p("h4"), p("h3")));
  }

  private Product p(String id) {
    return catalog.get(id).orElseThrow();
  }

  private Understanding say(String text) {
    return understander.understand(state, text, 2);
  }

  @Test
  void should_resolve_ordinals_counts_numbers_and_brands() {
    assertEquals(List.of("h2"), say("why the second?").referencedProductIds());
    assertEquals(List.of("h1", "h2"), say("compare the top two").referencedProductIds());
    assertEquals(List.of("h1", "h4"), say("compare 1 and 3").referencedProductIds());
    assertEquals(List.of("h4"), say("why number 3?").referencedProductIds());
    assertEquals(List.of("h4", "h3"), say("compare the Samsung and the Apple").referencedProductIds());
    assertEquals(List.of("h3"), say("why the last one?").referencedProductIds());
    Understanding trailingWhy = say("the second one, why?");
    assertEquals(Intent.WHY, trailingWhy.intent());
    assertEquals(List.of("h2"), trailingWhy.referencedProductIds());
    assertEquals(List.of("h1", "h2", "h4", "h3"), say("compare these").referencedProductIds());
  }

  @Test
  void should_detect_each_intent_and_keep_constraints() {
    Understanding why = say("why this one?");
    assertEquals(Intent.WHY, why.intent());
    assertEquals(List.of("h1"), why.referencedProductIds());
    assertTrue(why.constraints().contains(Constraint.of(Constraint.Kind.NOT_BRAND, "Anker", 1)));
    assertEquals(Intent.COMPARE, say("Sony vs Bose").intent());
    assertEquals(Intent.WHY_NOT, say("why not the Apple one?").intent());
    assertEquals(Intent.MORE, say("show more").intent());
    assertEquals(Intent.MORE, say("more").intent());
    assertEquals(Intent.SEARCH, say("show more expensive ones").intent());
    Understanding about = say("tell me more about the second one");
    assertEquals(Intent.WHY, about.intent());
    assertEquals(List.of("h2"), about.referencedProductIds());
  }

  @Test
  void should_resolve_that_one_to_the_last_referenced_product() {
    say("why the third one?");
    assertEquals(List.of("h4"), say("why that one?").referencedProductIds());
  }

  @Test
  void should_resolve_why_not_to_an_unshown_brand_product_from_the_catalog() {
    // Given Anker was excluded and never shown; When the shopper asks about it
    Understanding u = say("why not the Anker one?");
    // Then it refers to Anker's headphones (same topic), not to a shown product
    assertEquals(Intent.WHY_NOT, u.intent());
    assertEquals(List.of("h5"), u.referencedProductIds());
  }

  @Test
  void should_page_further_on_more_and_reset_the_page_on_a_refinement() {
    assertEquals(1, say("show more").page());
    assertEquals(2, say("more please").page());
    Understanding refined = say("only Sony");
    assertEquals(0, refined.page());
    assertEquals("wireless headphones", refined.query());
  }
}
