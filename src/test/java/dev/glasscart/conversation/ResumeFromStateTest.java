package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.query.Language;
import dev.glasscart.ranking.AdditiveRanker;
import dev.glasscart.retrieval.lexical.Bm25Retriever;
import dev.glasscart.retrieval.lexical.FieldBoosts;
import dev.glasscart.retrieval.lexical.LexicalIndex;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A conversation resumed from the dialogue state its last turn stored (what another server does
 * when the shopper's socket moves to it) continues exactly as the original session would.
 */
final class ResumeFromStateTest {

  @Test
  void should_continue_from_the_stored_state_as_the_session_that_made_it() throws Exception {
    Catalog catalog = TestCatalog.build();
    try (LexicalIndex index = LexicalIndex.inMemory(catalog, ProductAnalyzer.standard())) {
      ConversationService service = new ConversationService(catalog, new Bm25Retriever(index, FieldBoosts.defaults()),
          AdditiveRanker.untrained(), new Understander(CatalogVocabulary.from(catalog), catalog));
      // Given a session through a search, an exclusion, a question about a shown product and a cap
      ConversationSession original = service.newSession("c");
      PreparedTurn last = null;
      List<String> messages = List.of("running shoes", "not Nike", "why the second one?", "under $150");
      for (int i = 0; i < messages.size(); i++) last = service.prepare(original, messages.get(i), i + 1);
      assertNotNull(last.state());

      // When another service (another server) restores the conversation from the last turn alone
      TurnRecord stored = new TurnRecord("c", 4, "under $150", "{}", "[]", List.of(), "", "builtin", "{}", "{}", Instant.now(),
          last.state());
      ConversationSession resumed = service.restore("c", List.of(stored));

      // Then it holds the same state, numbered at turn 4, and the next turns read the same on both
      assertEquals(4, resumed.lastTurn());
      assertEquals(original.state().toJson(), resumed.state().toJson());
      assertEquals(5, resumed.nextTurn());
      int n = 4;
      for (String next : List.of("why the first one?", "the cheapest", "in black")) {
        n++;
        PreparedTurn a = service.prepare(original, next, n);
        PreparedTurn b = service.prepare(resumed, next, n);
        assertEquals(a.understanding(), b.understanding(), next);
        assertEquals(ids(a), ids(b), next);
        assertFalse(ids(a).isEmpty() && a.understanding().referencedProductIds().isEmpty(), next + " found something");
      }
    }
  }

  @Test
  void should_keep_the_language_the_shopper_last_wrote_in() {
    // a turn without a message (a chip removed) on another server answers in the shopper's language
    DialogueState chinese = new DialogueState();
    chinese.language(Language.ZH);
    assertEquals(Language.ZH, DialogueState.fromJson(chinese.toJson()).language());
    assertEquals(Language.EN, DialogueState.fromJson(new DialogueState().toJson()).language());
  }

  @Test
  void should_refuse_text_that_is_not_a_stored_state() {
    assertThrows(IllegalArgumentException.class, () -> DialogueState.fromJson("[1, 2]"));
    assertEquals(new DialogueState().toJson(), DialogueState.fromJson(new DialogueState().toJson()).toJson());
  }

  private static List<String> ids(PreparedTurn p) {
    return p.shown().stream().map(r -> r.product().id()).toList();
  }
}
