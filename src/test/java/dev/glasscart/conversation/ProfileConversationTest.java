package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.explanation.BuiltinExplainer;
import dev.glasscart.explanation.Claim;
import dev.glasscart.profile.LiveProfile;
import dev.glasscart.profile.ShopperProfile;
import dev.glasscart.query.Chat;
import dev.glasscart.query.Intent;
import dev.glasscart.ranking.AdditiveRanker;
import dev.glasscart.ranking.Contribution;
import dev.glasscart.ranking.RankedProduct;
import dev.glasscart.retrieval.lexical.Bm25Retriever;
import dev.glasscart.retrieval.lexical.FieldBoosts;
import dev.glasscart.retrieval.lexical.LexicalIndex;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shopper's profile across conversations over a real Lucene index, ranker and understander:
 * a liked brand rises on the next search with its reason; "forget my preferences" removes it;
 * "what do you know about me?" is answered from the profile.
 */
final class ProfileConversationTest {
  private static LexicalIndex index;
  private static ConversationService service;

  @BeforeAll
  static void setUp() {
    List<Product> ps = new ArrayList<>();
    // the Northpeak coat has the longest title, so keyword retrieval alone puts it last
    ps.add(coat("c1", "Rain Coat", "Ridgeline", 60));
    ps.add(coat("c2", "Rain Coat Packable", "Velocity", 62));
    ps.add(coat("c3", "Rain Coat Packable Hooded With Zipped Pockets", "Northpeak", 64));
    ps.add(new Product("k1", "Camp Kettle", "A steel camp kettle.", "Northpeak", "Cookware", 25, "USD", 4.0, 8,
        List.of(), Map.of("colour", "silver"), 5, List.of(), null));
    Catalog catalog = new Catalog(ps);
    index = LexicalIndex.inMemory(catalog, ProductAnalyzer.standard());
    service = new ConversationService(catalog, new Bm25Retriever(index, FieldBoosts.defaults()),
        AdditiveRanker.untrained(), new Understander(CatalogVocabulary.from(catalog), catalog));
  }

  @AfterAll
  static void tearDown() throws Exception {
    index.close();
  }

  private static Product coat(String id, String title, String brand, double price) {
    return new Product(id, title, title + " for wet days.", brand, "Outerwear", price, "USD", 4.0, 10, List.of(),
        Map.of("colour", "blue"), 5, List.of(), null);
  }

  private static ConversationSession session(String id, LiveProfile profile) {
    ConversationSession s = service.newSession(id);
    s.profile(profile);
    return s;
  }

  private static List<String> ids(PreparedTurn t) {
    return t.shown().stream().map(r -> r.product().id()).toList();
  }

  private static Optional<Contribution> contribution(RankedProduct r, String feature) {
    return r.contributions().stream().filter(c -> c.feature().equals(feature)).findFirst();
  }

  @Test
  void should_lift_a_brand_the_shopper_said_they_like_on_the_next_search_until_they_say_forget() {
    LiveProfile shopper = new LiveProfile("shopper-1", ShopperProfile.EMPTY);
    // Given a baseline: a new shopper's search for rain coats
    List<String> baseline = ids(service.prepare(session("a", LiveProfile.anonymous()), "rain coat", 1));
    assertEquals("c3", baseline.getLast(), "keyword order alone puts the Northpeak coat last: " + baseline);

    // When the shopper says they like Northpeak in one conversation
    PreparedTurn said = service.prepare(session("b", shopper), "I like Northpeak", 1);
    assertTrue(said.understanding().constraints().stream().anyMatch(c -> c.value().equals("Northpeak")), said.understanding().toString());

    // Then in their next conversation the Northpeak coat comes first, saying why, and its score still adds up
    ConversationSession next = session("c", shopper);
    PreparedTurn search = service.prepare(next, "rain coat", 1);
    RankedProduct top = search.shown().get(0);
    assertEquals("c3", top.product().id(), "the liked brand rises: " + ids(search));
    assertEquals("you liked Northpeak before", contribution(top, "profile_brand").orElseThrow().label());
    assertEquals(top.score(), top.contributions().stream().mapToDouble(Contribution::value).sum(), 1e-9);

    // When they ask what is known about them, the answer names it
    PreparedTurn asked = service.prepare(next, "what do you know about me?", 2);
    assertEquals(Intent.CHAT, asked.understanding().intent());
    assertEquals(Chat.PROFILE, asked.understanding().chat());
    String answer = Claim.render(new BuiltinExplainer().claims(asked.evidence()));
    assertTrue(answer.contains("you liked Northpeak"), answer);
    assertTrue(answer.contains("forget my preferences"), "says how to clear it: " + answer);

    // When they say "forget my preferences"
    PreparedTurn forget = service.prepare(next, "please forget my preferences", 3);
    assertEquals(Chat.FORGET_PROFILE, forget.understanding().chat());
    assertTrue(Claim.render(new BuiltinExplainer().claims(forget.evidence())).contains("forgotten"));

    // Then the effect is gone: the next search ranks as for a new shopper, with no profile contribution
    PreparedTurn after = service.prepare(session("d", shopper), "rain coat", 1);
    assertEquals(baseline, ids(after));
    assertTrue(after.shown().stream().allMatch(r -> r.contributions().stream().noneMatch(c -> c.feature().startsWith("profile_"))));
    assertEquals(ShopperProfile.EMPTY, shopper.snapshot());
    String empty = Claim.render(new BuiltinExplainer().claims(service.prepare(session("e", shopper), "what do you know about me", 1).evidence()));
    assertTrue(empty.contains("don't know your taste yet"), empty);
  }

  @Test
  void should_read_the_profile_acts_in_english_and_chinese_and_nothing_else_as_them() {
    ConversationSession s = session("zh", new LiveProfile("shopper-2", ShopperProfile.EMPTY));
    int turn = 0;
    for (String text : List.of("What have you learned about me?", "show my preferences", "你对我了解多少？", "我的偏好是什么")) {
      assertEquals(Chat.PROFILE, service.prepare(s, text, ++turn).understanding().chat(), text);
    }
    for (String text : List.of("forget my preferences", "clear my profile", "delete everything you know about me", "忘记我的偏好", "清除我的喜好")) {
      assertEquals(Chat.FORGET_PROFILE, service.prepare(s, text, ++turn).understanding().chat(), text);
    }
    for (String text : List.of("rain coat", "forget it, show me kettles", "what do you have in blue?")) {
      PreparedTurn t = service.prepare(s, text, ++turn);
      assertNotEquals(Chat.PROFILE, t.understanding().chat(), text);
      assertNotEquals(Chat.FORGET_PROFILE, t.understanding().chat(), text);
    }
  }

  @Test
  void should_answer_in_chinese_from_the_profile() {
    LiveProfile shopper = new LiveProfile("shopper-3", ShopperProfile.EMPTY);
    ConversationSession s = session("zh2", shopper);
    service.prepare(s, "I like Northpeak", 1);
    String answer = Claim.render(new BuiltinExplainer().claims(service.prepare(s, "你知道我什么？", 2).evidence()));
    assertTrue(answer.contains("您喜欢的品牌：Northpeak"), answer);
  }
}
