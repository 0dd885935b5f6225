package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.ranking.AdditiveRanker;
import dev.glasscart.retrieval.lexical.Bm25Retriever;
import dev.glasscart.retrieval.lexical.FieldBoosts;
import dev.glasscart.retrieval.lexical.LexicalIndex;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A conversation turn end to end over a real Lucene index, ranker and understander. */
final class ConversationServiceTest {

  @Test
  void should_find_the_product_that_fits_however_deep_it_ranks_in_a_catalog_larger_than_the_retrievers_limit() throws Exception {
    // Given 10,300 products, where the 10,100 best "widget" matches (more than the 10,000 a
    // retriever accepts) all cost $50 and the only one under $10 has a longer, lower-scoring title
    List<Product> ps = new ArrayList<>();
    for (int i = 0; i < 10_100; i++) ps.add(product("w" + i, "Steel Widget " + i, 50));
    for (int i = 0; i < 199; i++) ps.add(product("g" + i, "Brass Gear " + i, 5));
    ps.add(product("cheap", "Plastic Widget Holder Organizer Tray With Lid And Handle", 7.5));
    Catalog catalog = new Catalog(ps);
    try (LexicalIndex index = LexicalIndex.inMemory(catalog, ProductAnalyzer.standard())) {
      ConversationService service = new ConversationService(catalog, new Bm25Retriever(index, FieldBoosts.defaults()),
          AdditiveRanker.untrained(), new Understander(CatalogVocabulary.from(catalog), catalog));

      // When the shopper asks for a widget under $10
      PreparedTurn turn = service.prepare(service.newSession("s"), "widgets under $10", 1);

      // Then the retrieval restricted to what fits finds it, however deep it ranks overall
      assertEquals(List.of("cheap"), turn.shown().stream().map(r -> r.product().id()).toList());
      assertEquals(1, turn.total());
    }
  }

  private static Product product(String id, String title, double price) {
    return new Product(id, title, title + ".", "Acme", "Hardware", price, "USD", 4.0, 10, List.of(), Map.of(), 5,
        List.of(), null);
  }

  @Test
  void should_answer_long_messages_and_every_later_turn_of_their_conversation() throws Exception {
    // Given a catalog with one perfume and a conversation opened with two ~130-word messages and
    // then a 200-word one (together far over what one Lucene query may hold: 1,024 clauses)
    List<Product> ps = new ArrayList<>();
    ps.add(new Product("rose", "Rose Perfume", "A floral perfume.", "Maison", "Fragrance", 40, "USD", 4.5, 20,
        List.of(), Map.of(), 3, List.of(), null));
    for (int i = 0; i < 30; i++) ps.add(product("w" + i, "Steel Widget " + i, 50));
    Catalog catalog = new Catalog(ps);
    try (LexicalIndex index = LexicalIndex.inMemory(catalog, ProductAnalyzer.standard())) {
      ConversationService service = new ConversationService(catalog, new Bm25Retriever(index, FieldBoosts.defaults()),
          AdditiveRanker.untrained(), new Understander(CatalogVocabulary.from(catalog), catalog));
      ConversationSession session = service.newSession("s");
      int turn = 0;
      for (int words : new int[] {130, 130, 200}) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) text.append("word").append(turn).append('x').append(Integer.toString(i, 36)).append(' ');
        // When each is sent, it gets an answer (nothing matches those words)
        PreparedTurn p = service.prepare(session, text.toString().strip(), ++turn);
        assertTrue(p.understanding().query().split(" ").length <= DialogueState.MAX_QUERY_WORDS, p.understanding().query());
      }
      // Then a later short message still finds what it asks for
      PreparedTurn perfume = service.prepare(session, "perfume", ++turn);
      assertEquals("rose", perfume.shown().getFirst().product().id());
    }
  }

  @Test
  void should_say_a_shown_product_is_gone_when_a_question_or_comparison_refers_to_it_after_a_live_delete() throws Exception {
    // Given a conversation that was shown three widgets
    List<Product> ps = new ArrayList<>();
    for (int i = 0; i < 3; i++) ps.add(product("w" + i, "Steel Widget " + i, 50 + i));
    Catalog catalog = new Catalog(ps);
    try (LexicalIndex index = LexicalIndex.inMemory(catalog, ProductAnalyzer.standard())) {
      ConversationService service = new ConversationService(catalog, new Bm25Retriever(index, FieldBoosts.defaults()),
          AdditiveRanker.untrained(), new Understander(CatalogVocabulary.from(catalog), catalog));
      ConversationSession session = service.newSession("s");
      List<Product> shown = service.prepare(session, "steel widgets", 1).shown().stream().map(r -> r.product()).toList();
      Product second = shown.get(1);

      // When the second one leaves the catalog (index and snapshot, as the live catalog does)
      List<Product> rest = new ArrayList<>(ps);
      rest.remove(second);
      Catalog after = new Catalog(rest);
      index.apply(List.of(), List.of(second.id()));
      service.useCatalog(after, new Understander(CatalogVocabulary.from(after), after));

      // Then a question about it and a comparison with it name it as gone; the other one is still compared
      PreparedTurn asked = service.prepare(session, "how much is the second one?", 2);
      assertTrue(asked.shown().isEmpty());
      assertEquals("\"" + second.title() + "\" (#2) is no longer in the catalog; it was removed after it was shown", asked.note());
      PreparedTurn compared = service.prepare(session, "compare the first two", 3);
      assertEquals(List.of(shown.get(0).id()), compared.shown().stream().map(r -> r.product().id()).toList());
      assertTrue(compared.note().contains("\"" + second.title() + "\" (#2) is no longer in the catalog"), compared.note());
      assertEquals(2, service.catalog().size());
    }
  }
}
