package dev.glasscart.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.catalog.graph.ComplementRules;
import dev.glasscart.catalog.graph.Edge;
import dev.glasscart.catalog.graph.GraphBuilder;
import dev.glasscart.catalog.graph.ProductGraph;
import dev.glasscart.catalog.graph.RelationStore;
import dev.glasscart.conversation.Feedback;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The product graph stored in PostgreSQL, read back per product with titles, and liked-together pairs from feedback. */
@ExtendWith(VertxExtension.class)
final class PgRelationRepositoryTest {
  private static Database db;
  private static List<Product> demo;

  @BeforeAll
  static void setUp(Vertx vertx) {
    db = TestDatabase.createMigrated(vertx);
    demo = DemoCatalog.generate();
    new PgCatalogRepository(db.pool()).replaceAll(demo).await();
  }

  @AfterAll
  static void tearDown() {
    db.close().await();
  }

  @Test
  void storesEveryEdgeAndReadsOneProductsBackInGraphOrder() {
    PgRelationRepository repo = new PgRelationRepository(db.pool());
    ProductGraph graph = new GraphBuilder(demo, ComplementRules.defaults()).build();
    repo.replaceAll(graph).await();
    assertEquals(graph.size(), repo.count().await());
    Product p = demo.get(0);
    List<RelationStore.Related> stored = repo.related(p.id()).await();
    List<Edge> want = graph.from(p.id());
    assertEquals(want.size(), stored.size());
    for (int i = 0; i < want.size(); i++) {
      RelationStore.Related e = stored.get(i);
      assertEquals(want.get(i).relation(), e.relation());
      assertEquals(want.get(i).to(), e.productId());
      assertEquals(want.get(i).reason(), e.reason());
      assertEquals(want.get(i).weight(), e.weight());
      assertEquals(demo.stream().filter(x -> x.id().equals(e.productId())).findFirst().orElseThrow().title(), e.title());
    }
    // a rebuild replaces, never adds
    repo.replaceAll(new ProductGraph(want)).await();
    assertEquals(want.size(), repo.count().await());
  }

  @Test
  void productsLikedInTheSameConversationsArePairs() {
    FeedbackRepository feedback = new FeedbackRepository(db.pool());
    String a = demo.get(1).id();
    String b = demo.get(2).id();
    for (String c : List.of("l1", "l2", "l3")) {
      feedback.save(new Feedback(c, 1, a, true, null, null)).await();
      feedback.save(new Feedback(c, 1, b, true, null, null)).await();
    }
    feedback.save(new Feedback("l4", 1, a, true, null, null)).await();
    feedback.save(new Feedback("l4", 1, demo.get(3).id(), false, null, null)).await(); // a thumb down pairs nothing
    feedback.save(new Feedback("l5", 1, a, true, null, null)).await();
    feedback.save(new Feedback("l5", 1, demo.get(3).id(), true, "wrong reason: rating (well rated)", null)).await();
    List<GraphBuilder.LikedPair> pairs = new PgRelationRepository(db.pool()).likedTogether().await();
    assertEquals(1, pairs.size(), pairs.toString());
    GraphBuilder.LikedPair pair = pairs.get(0);
    assertEquals(3, pair.conversations());
    assertTrue(List.of(a, b).containsAll(List.of(pair.a(), pair.b())));
  }
}
