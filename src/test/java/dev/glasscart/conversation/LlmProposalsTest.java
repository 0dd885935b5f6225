package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.query.Understanding;
import java.util.List;
import org.junit.jupiter.api.Test;

final class LlmProposalsTest {
  private final CatalogVocabulary vocab = CatalogVocabulary.from(TestCatalog.build());
  private final List<Constraint> rules = List.of(Constraint.of(Kind.PRICE_MAX, "120", 3));

  @Test
  void should_add_valid_proposals_in_the_catalog_spelling() {
    String json = """
        [{"kind":"brand","value":"nike"},{"kind":"NOT_ATTRIBUTE","field":"color","value":"Black"},
         {"kind":"category","value":"running shoe"},{"kind":"RATING_MIN","value":"4.5"}]""";
    LlmProposals.Merged m = LlmProposals.merge(rules, json, vocab, 3);
    assertEquals(List.of(rules.get(0), Constraint.of(Kind.BRAND, "Nike", 3), new Constraint(Kind.NOT_ATTRIBUTE, "colour", "black", 3),
        Constraint.of(Kind.CATEGORY, "Running Shoes", 3), Constraint.of(Kind.RATING_MIN, "4.5", 3)), m.constraints());
    assertTrue(m.rejected().isEmpty());
  }

  @Test
  void should_drop_unknown_values_and_out_of_range_numbers_and_let_rules_win() {
    String json = """
        {"constraints":[{"kind":"BRAND","value":"Reebok"},{"kind":"ATTRIBUTE","field":"colour","value":"plaid"},
         {"kind":"RATING_MIN","value":"7"},{"kind":"PRICE_MAX","value":"90"},{"kind":"TELEPORT","value":"x"},
         {"kind":"SORT","value":"cheapest"},"junk",{"kind":"PRICE_MIN","value":"abc"}]}""";
    LlmProposals.Merged m = LlmProposals.merge(rules, json, vocab, 3);
    assertEquals(List.of(rules.get(0), Constraint.of(Kind.SORT, "CHEAPEST", 3)), m.constraints());
    assertEquals(7, m.rejected().size());
  }

  @Test
  void should_fall_back_to_the_rules_on_malformed_input() {
    for (String bad : new String[] {"{not json", "42", "\"brand nike\"", "{\"constraints\": {}}", "", "[1, 2"}) {
      LlmProposals.Merged m = LlmProposals.merge(rules, bad, vocab, 3);
      assertEquals(rules, m.constraints(), bad);
    }
    assertFalse(LlmProposals.merge(rules, "{oops", vocab, 3).rejected().isEmpty());
  }

  @Test
  void should_merge_proposals_through_the_understander() {
    var catalog = TestCatalog.build();
    Understander u = new Understander(CatalogVocabulary.from(catalog), catalog);
    DialogueState state = new DialogueState();
    Understanding read = u.understand(state, "comfy runners under $120", 1, "[{\"kind\":\"CATEGORY\",\"value\":\"Running Shoes\"}]");
    assertTrue(read.constraints().contains(Constraint.of(Kind.CATEGORY, "Running Shoes", 1)));
    assertTrue(read.constraints().contains(Constraint.of(Kind.PRICE_MAX, "120", 1)));
  }
}
