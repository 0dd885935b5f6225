package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.catalog.graph.ComplementRules;
import dev.glasscart.catalog.graph.Edge;
import dev.glasscart.catalog.graph.GraphBuilder;
import dev.glasscart.catalog.graph.ProductGraph;
import dev.glasscart.catalog.graph.Relation;
import dev.glasscart.explanation.BuiltinExplainer;
import dev.glasscart.explanation.Claim;
import dev.glasscart.explanation.GroundingGuard;
import dev.glasscart.explanation.Outcome;
import dev.glasscart.explanation.TokenSink;
import dev.glasscart.query.Intent;
import dev.glasscart.ranking.AdditiveRanker;
import dev.glasscart.ranking.RankedProduct;
import dev.glasscart.retrieval.lexical.Bm25Retriever;
import dev.glasscart.retrieval.lexical.FieldBoosts;
import dev.glasscart.retrieval.lexical.LexicalIndex;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "What goes with it?", "similar but cheaper", "more from this brand" over the demo catalog: the
 * dialogue act, the graph's products with their reasons in the answer, every sentence grounded, and
 * a later search saying what goes with the product the shopper looked at.
 */
final class RelatedProductsTest {
  private static Catalog catalog;
  private static LexicalIndex index;
  private static ConversationService service;
  private static ProductGraph graph;
  private static final BuiltinExplainer BUILTIN = new BuiltinExplainer();

  @BeforeAll
  static void setUp() {
    catalog = new Catalog(DemoCatalog.generate());
    index = LexicalIndex.inMemory(catalog, ProductAnalyzer.standard());
    service = new ConversationService(catalog, new Bm25Retriever(index, FieldBoosts.defaults()), AdditiveRanker.untrained(),
        new Understander(CatalogVocabulary.from(catalog), catalog));
    graph = new GraphBuilder(catalog.products(), ComplementRules.defaults()).build();
    ProductGraph.Live live = new ProductGraph.Live();
    live.set(graph);
    service.useGraph(live);
  }

  @AfterAll
  static void tearDown() throws Exception {
    index.close();
  }

  /** The answer's sentences, each checked by the grounding guard: none may be withheld. */
  private static String groundedAnswer(PreparedTurn t) {
    String text = Claim.render(BUILTIN.claims(t.evidence()));
    GroundingGuard guard = new GroundingGuard(t.evidence(), new TokenSink() {
      @Override public void token(String s) {}
      @Override public void complete() {}
      @Override public void error(Throwable e) {}
    });
    for (String token : BuiltinExplainer.tokens(text)) guard.token(token);
    guard.complete(Outcome.builtin());
    assertEquals(0, guard.report().sentencesDropped(), "withheld: " + guard.report().dropped() + " in: " + text);
    return text;
  }

  private static void assertEdges(PreparedTurn t, String anchor, Relation relation) {
    assertEquals(Intent.RELATED, t.understanding().intent());
    assertEquals(relation, t.understanding().related());
    assertEquals(List.of(anchor), t.understanding().referencedProductIds());
    assertFalse(t.shown().isEmpty());
    for (RankedProduct r : t.shown()) {
      Edge e = graph.edge(anchor, r.product().id(), relation);
      assertTrue(e != null, r.product().id() + " is no " + relation + " of " + anchor);
      assertEquals(List.of(e), t.evidence().relatedTo(r.product().id()));
    }
  }

  @Test
  void whatGoesWithItSimilarButCheaperAndMoreFromTheBrand() {
    ConversationSession s = service.newSession("related");
    PreparedTurn laptops = service.prepare(s, "laptops", 1);
    Product laptop = laptops.shown().get(0).product();
    assertEquals("laptops", laptop.category());

    PreparedTurn goes = service.prepare(s, "what goes with the first one?", 2);
    assertEdges(goes, laptop.id(), Relation.COMPLEMENTARY);
    String answer = groundedAnswer(goes);
    assertTrue(answer.startsWith("These go with the " + laptop.title()), answer);
    Edge first = goes.evidence().relatedTo(goes.shown().get(0).product().id()).get(0);
    assertTrue(answer.contains("Why: " + first.reason()), answer);

    PreparedTurn cheaper = service.prepare(s, "something similar but cheaper", 3);
    assertEdges(cheaper, laptop.id(), Relation.CHEAPER_ALTERNATIVE);
    for (RankedProduct r : cheaper.shown()) assertTrue(r.product().price() < laptop.price(), r.product().toString());
    assertTrue(groundedAnswer(cheaper).contains("cost less than its"));

    PreparedTurn brand = service.prepare(s, "anything else from this brand?", 4);
    assertEdges(brand, laptop.id(), Relation.SAME_BRAND);
    for (RankedProduct r : brand.shown()) assertEquals(laptop.brand(), r.product().brand());
    assertTrue(groundedAnswer(brand).startsWith("More from " + laptop.brand()));

    // a search for something that goes with the laptop looked at says so, with the edge's reason
    Edge bag = graph.from(laptop.id(), Relation.COMPLEMENTARY).stream()
        .filter(e -> catalog.get(e.to()).orElseThrow().category().equals("backpacks"))
        .filter(e -> catalog.products().stream().filter(p -> p.title().equals(catalog.get(e.to()).orElseThrow().title())).count() == 1)
        .findFirst().orElseThrow();
    Product backpack = catalog.get(bag.to()).orElseThrow();
    PreparedTurn search = service.prepare(s, backpack.title(), 5);
    assertEquals(Intent.SEARCH, search.understanding().intent());
    assertTrue(search.shown().stream().anyMatch(r -> r.product().id().equals(backpack.id())));
    String said = groundedAnswer(search);
    assertTrue(said.contains("It goes with the " + laptop.title() + " you looked at (" + bag.reason() + ")."), said);
  }

  @Test
  void theActsAreReadFromTheWordsAndPlainRefinementsStaySearches() {
    assertEquals(Relation.COMPLEMENTARY, DialogueActs.related("what would go well with it").orElseThrow());
    assertEquals(Relation.COMPLEMENTARY, DialogueActs.related("any accessories for the second one").orElseThrow());
    assertEquals(Relation.SIMILAR, DialogueActs.related("got more like this one?").orElseThrow());
    assertEquals(Relation.SIMILAR, DialogueActs.related("alternatives to the first one").orElseThrow());
    assertEquals(Relation.CHEAPER_ALTERNATIVE, DialogueActs.related("a cheaper alternative please").orElseThrow());
    assertEquals(Relation.SAME_BRAND, DialogueActs.related("what else do they make").orElseThrow());
    assertEquals(Relation.SAME_BRAND, DialogueActs.related("same brand but a tent").orElseThrow());
    assertEquals(Relation.COMPLEMENTARY, DialogueActs.related("这个配什么").orElseThrow());
    for (String plain : List.of("got a cheaper one?", "something like a tent", "i would like it in red", "laptops under $900")) {
      assertTrue(DialogueActs.related(plain).isEmpty(), plain);
    }
  }

  @Test
  void withNothingShownARelatedWishIsASearch() {
    ConversationSession s = service.newSession("fresh");
    PreparedTurn t = service.prepare(s, "something similar to hiking boots", 1);
    assertEquals(Intent.SEARCH, t.understanding().intent());
    assertNotEmpty(t);
  }

  private static void assertNotEmpty(PreparedTurn t) {
    assertFalse(t.shown().isEmpty(), t.note());
  }
}
