package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.ranking.AdditiveRanker;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.UpgradingRetriever;
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

  @Test
  void should_note_and_answer_a_chinese_shopper_in_chinese_also_after_a_chip_is_removed() throws Exception {
    Catalog catalog = ChineseTestCatalog.build();
    try (LexicalIndex index = LexicalIndex.inMemory(catalog, ProductAnalyzer.standard())) {
      ConversationService service = new ConversationService(catalog, new Bm25Retriever(index, FieldBoosts.defaults()),
          AdditiveRanker.untrained(), new Understander(CatalogVocabulary.from(catalog), catalog));
      ConversationSession session = service.newSession("s");
      // When nothing fits a Chinese shopper's budget
      PreparedTurn tooLow = service.prepare(session, "100元以内的耳机", 1);
      // Then the note offers the nearest in Chinese, yuan written the Chinese way
      assertEquals("没有100元以内的耳机；最便宜的是129元。", tooLow.note());
      assertEquals(List.of("没有100元以内的耳机；最便宜的是129元"), tooLow.evidence().notes());
      dev.glasscart.query.Constraint cap = tooLow.understanding().constraints().stream()
          .filter(c -> c.kind() == dev.glasscart.query.Constraint.Kind.PRICE_MAX).findFirst().orElseThrow();
      // When the shopper removes the budget chip, the rerun is a Chinese turn: its answer is Chinese
      PreparedTurn rerun = service.rerunWithout(session, cap, 2);
      assertEquals("（已移除：100元以内）", rerun.evidence().userText());
      assertEquals(dev.glasscart.query.Language.ZH, dev.glasscart.query.Language.detect(rerun.evidence().userText()));
      assertTrue(rerun.shown().size() >= 2 && rerun.shown().stream().allMatch(r -> r.product().category().equals("耳机")));
      // and removing it again changes nothing, said in Chinese
      PreparedTurn again = service.rerunWithout(session, cap, 3);
      assertEquals("“100元以内”并未生效，结果没有变化", again.note());
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
  void should_reuse_the_last_retrieval_while_the_query_and_the_retriever_stay_and_show_the_same() throws Exception {
    // Given steel widgets at different prices, behind a retriever that counts its calls
    List<Product> ps = new ArrayList<>();
    for (int i = 0; i < 40; i++) ps.add(product("w" + i, "Steel Widget " + i, 20 + i * 2.5));
    for (int i = 0; i < 10; i++) ps.add(product("g" + i, "Brass Gear " + i, 5 + i));
    Catalog catalog = new Catalog(ps);
    try (LexicalIndex index = LexicalIndex.inMemory(catalog, ProductAnalyzer.standard())) {
      Bm25Retriever bm25 = new Bm25Retriever(index, FieldBoosts.defaults());
      Counting first = new Counting(bm25);
      UpgradingRetriever upgrading = new UpgradingRetriever(first);
      ConversationService reusing = new ConversationService(catalog, upgrading, AdditiveRanker.untrained(),
          new Understander(CatalogVocabulary.from(catalog), catalog));
      // and the same service over a retriever that is a new one at every call (nothing reused)
      ConversationService fresh = new ConversationService(catalog, new NewEachCall(bm25), AdditiveRanker.untrained(),
          new Understander(CatalogVocabulary.from(catalog), catalog));
      ConversationSession a = reusing.newSession("a");
      ConversationSession b = fresh.newSession("b");
      List<String> messages = List.of("steel widgets", "under $60", "why the first one?", "under $50");

      // When a search, a refinement and a follow-up are sent, then the retriever is upgraded
      List<PreparedTurn> turns = new ArrayList<>();
      for (int i = 0; i < messages.size(); i++) {
        if (i == 3) upgrading.upgrade(new Counting(bm25));
        PreparedTurn mine = reusing.prepare(a, messages.get(i), i + 1);
        PreparedTurn theirs = fresh.prepare(b, messages.get(i), i + 1);
        // Then every turn shows exactly what retrieving afresh shows
        assertEquals(shown(theirs), shown(mine), messages.get(i));
        assertEquals(values(theirs).size(), values(mine).size(), messages.get(i));
        for (int v = 0; v < values(mine).size(); v++) {
          // the shopper's profile decays with the clock, so two sessions differ past the 9th decimal
          assertEquals(values(theirs).get(v), values(mine).get(v), 1e-7, messages.get(i));
        }
        assertEquals(theirs.total(), mine.total());
        turns.add(mine);
      }
      // and the query stayed, so only the first turn asked the first retriever
      assertEquals(turns.get(0).understanding().query(), turns.get(1).understanding().query());
      assertEquals(1, first.calls);
      // and the upgraded retriever is asked afresh
      assertEquals(1, ((Counting) upgrading.current()).calls);
    }
  }

  @Test
  void should_retrieve_again_and_show_the_same_when_a_conversations_last_retrieval_was_dropped() throws Exception {
    // Given a conversation whose search was retrieved once, behind a retriever that counts its calls
    List<Product> ps = new ArrayList<>();
    for (int i = 0; i < 40; i++) ps.add(product("w" + i, "Steel Widget " + i, 20 + i * 2.5));
    Catalog catalog = new Catalog(ps);
    try (LexicalIndex index = LexicalIndex.inMemory(catalog, ProductAnalyzer.standard())) {
      Counting counting = new Counting(new Bm25Retriever(index, FieldBoosts.defaults()));
      ConversationService service = new ConversationService(catalog, new UpgradingRetriever(counting),
          AdditiveRanker.untrained(), new Understander(CatalogVocabulary.from(catalog), catalog));
      ConversationSession kept = service.newSession("kept");
      ConversationSession dropped = service.newSession("dropped");
      service.prepare(kept, "steel widgets", 1);
      service.prepare(dropped, "steel widgets", 1);
      assertEquals(2, counting.calls);
      assertTrue(service.recalls().of(dropped) != null, "the search's retrieval is kept for the next turn");

      // When one of them loses it (as the bound on all conversations' recalls drops it) and both refine
      service.recalls().keep(dropped, null);
      PreparedTurn fromRecall = service.prepare(kept, "under $60", 2);
      PreparedTurn retrieved = service.prepare(dropped, "under $60", 2);

      // Then only that one retrieved again, and both show the same
      assertEquals(3, counting.calls);
      assertEquals(shown(fromRecall), shown(retrieved));
      assertEquals(fromRecall.total(), retrieved.total());
    }
  }

  /**
   * Ranks, ids, scores and every contribution (feature, label, value), numbers to 9 decimals: the
   * shopper profile the follow-up learns decays with wall-clock time, so two sessions' profile
   * features differ in the last digits of a double.
   */
  private static List<String> shown(PreparedTurn t) {
    return t.shown().stream().map(r -> r.rank() + " " + r.product().id() + " "
        + r.contributions().stream().map(c -> c.feature() + "=" + c.label()).toList()).toList();
  }

  /** Every shown product's score, then each of its contributions, in order. */
  private static List<Double> values(PreparedTurn t) {
    List<Double> out = new ArrayList<>();
    for (var r : t.shown()) {
      out.add(r.score());
      r.contributions().forEach(c -> out.add(c.value()));
    }
    return out;
  }

  /** Passes calls on and counts the retrievals. */
  private static final class Counting implements Retriever {
    private final Retriever inner;
    int calls;

    Counting(Retriever inner) {
      this.inner = inner;
    }

    @Override
    public List<Candidate> retrieve(String query, int k) {
      calls++;
      return inner.retrieve(query, k);
    }

    @Override
    public List<Candidate> retrieveAmong(String query, int k, java.util.Set<String> allowed) {
      return inner.retrieveAmong(query, k, allowed);
    }
  }

  /** A retriever whose current one is new at every call, so no retrieval is ever reused. */
  private record NewEachCall(Retriever inner) implements Retriever {
    @Override
    public Retriever current() {
      return new Counting(inner);
    }

    @Override
    public List<Candidate> retrieve(String query, int k) {
      return inner.retrieve(query, k);
    }

    @Override
    public List<Candidate> retrieveAmong(String query, int k, java.util.Set<String> allowed) {
      return inner.retrieveAmong(query, k, allowed);
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
      PreparedTurn compared = service.prepare(session, "compare the top two", 3);
      assertEquals(List.of(shown.get(0).id()), compared.shown().stream().map(r -> r.product().id()).toList());
      assertTrue(compared.note().contains("\"" + second.title() + "\" (#2) is no longer in the catalog"), compared.note());
      assertEquals(2, service.catalog().size());
    }
  }

  @Test
  void should_retrieve_afresh_after_a_live_catalog_change_even_when_the_query_stays() throws Exception {
    // Given a conversation over steel widgets behind a retriever that counts its calls
    List<Product> ps = new ArrayList<>();
    for (int i = 0; i < 8; i++) ps.add(product("w" + i, "Steel Widget " + i, 30 + i * 10));
    Catalog catalog = new Catalog(ps);
    try (LexicalIndex index = LexicalIndex.inMemory(catalog, ProductAnalyzer.standard())) {
      Counting counting = new Counting(new Bm25Retriever(index, FieldBoosts.defaults()));
      ConversationService service = new ConversationService(catalog, counting, AdditiveRanker.untrained(),
          new Understander(CatalogVocabulary.from(catalog), catalog));
      ConversationSession session = service.newSession("s");
      service.prepare(session, "steel widgets", 1);
      PreparedTurn before = service.prepare(session, "under $60", 2);
      assertEquals(1, counting.calls);

      // When a fitting widget is added and one is deleted (index, then snapshot, as the live catalog does)
      Product added = product("wnew", "Steel Widget New", 25);
      List<Product> next = new ArrayList<>(ps.subList(1, ps.size()));
      next.add(added);
      Catalog after = new Catalog(next);
      index.apply(List.of(added), List.of("w0"));
      service.useCatalog(after, new Understander(CatalogVocabulary.from(after), after));
      PreparedTurn later = service.prepare(session, "under $60", 3);

      // Then the same query is retrieved again and the turn shows the catalog as it is now
      assertEquals(before.understanding().query(), later.understanding().query());
      assertEquals(2, counting.calls);
      List<String> shownIds = later.shown().stream().map(r -> r.product().id()).toList();
      assertTrue(shownIds.contains("wnew"), shownIds.toString());
      assertTrue(!shownIds.contains("w0"), shownIds.toString());
      assertEquals(before.total(), later.total());
    }
  }
}
