package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.conversation.CatalogVocabulary.Match;
import dev.glasscart.conversation.CatalogVocabulary.TermKind;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CatalogVocabularyTest {
  private final CatalogVocabulary vocab = CatalogVocabulary.from(TestCatalog.build());

  private List<Match> find(String text) {
    return vocab.find(Words.tokens(text).stream().map(Words.Token::norm).toList());
  }

  @Test
  void should_fold_plurals_possessives_and_accents() {
    assertEquals("hiking boot", Words.key("Hiking Boots"));
    assertEquals("woman shoe", Words.key("womens-shoes"));
    assertEquals("woman dress", Words.key("Women's Dresses"));
    assertEquals("battery", Words.key("batteries"));
    assertEquals("glass", Words.key("glasses"));
    assertEquals("cafe", Words.key("Café"));
  }

  @Test
  void should_find_multi_word_brands_and_categories_longest_first() {
    // Given a message naming a multi-word brand and a plural category
    List<Match> m = find("the north face hiking boot please");
    // Then both are found as whole phrases
    assertEquals(TermKind.BRAND, m.get(0).term().kind());
    assertEquals("The North Face", m.get(0).term().value());
    assertTrue(m.stream().anyMatch(x -> x.term().kind() == TermKind.CATEGORY && x.term().value().equals("Hiking Boots")));
    // And "north face" without "the" also names the brand
    assertEquals("The North Face", find("North Face jackets").get(0).term().value());
  }

  @Test
  void should_learn_attribute_values_with_their_keys() {
    Match black = find("in black").stream().filter(x -> x.term().kind() == TermKind.ATTRIBUTE).findFirst().orElseThrow();
    assertEquals("colour", black.term().field());
    // numeric values need their key: "size 9" is a size, a bare "9" is not
    assertTrue(find("size 9").stream().anyMatch(x -> x.term().field().equals("size") && x.term().value().equals("9")));
    assertTrue(find("9").isEmpty());
  }

  @Test
  void should_keep_function_word_values_from_shadowing_requests_and_read_yes_values_as_their_key() {
    var ps = new java.util.ArrayList<>(TestCatalog.build().products());
    ps.add(new dev.glasscart.catalog.Product("x1", "Rain Jacket", "", "Acme", "Jackets", 50, "USD", 4, 1, List.of(),
        java.util.Map.of("waterproof", "yes", "hood", "no"), 1, List.of(), null));
    ps.add(new dev.glasscart.catalog.Product("x2", "Cloud 5", "", "On", "Running Shoes", 140, "USD", 4, 1, List.of(),
        java.util.Map.of(), 1, List.of(), null));
    CatalogVocabulary v = CatalogVocabulary.from(new dev.glasscart.catalog.Catalog(ps));
    List<Match> m = v.find(List.of("no", "waterproof"));
    assertTrue(m.stream().allMatch(x -> x.start() == 1), "'no' is not a value: " + m);
    assertEquals("waterproof", m.get(0).term().field());
    assertEquals("yes", m.get(0).term().value());
    // a brand spelled like a function word needs the word "brand"
    assertTrue(v.find(List.of("shoe", "on", "sale")).stream().noneMatch(x -> x.term().kind() == TermKind.BRAND));
    assertEquals("On", v.find(List.of("on", "brand")).get(0).term().value());
  }

  @Test
  void should_look_up_values_case_and_plural_insensitively() {
    assertEquals("Running Shoes", vocab.lookup(TermKind.CATEGORY, "", "running shoe").orElseThrow().value());
    assertEquals("brown", vocab.lookup(TermKind.ATTRIBUTE, "color", "Brown").orElseThrow().value());
    assertTrue(vocab.lookup(TermKind.BRAND, "", "Reebok").isEmpty());
  }
}
