package dev.glasscart.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.conversation.Feedback;
import dev.glasscart.conversation.HelpfulRate;
import dev.glasscart.conversation.TurnRecord;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
final class FeedbackRepositoryTest {

  private static Database db;

  @BeforeAll
  static void setUp(Vertx vertx) {
    db = TestDatabase.createMigrated(vertx);
  }

  @AfterAll
  static void tearDown() {
    db.close().await();
  }

  @Test
  void should_aggregate_helpful_rate_by_explainer_and_prompt_version() {
    // Given turns by two explainers and votes on them
    PgConversationRepository conversations = new PgConversationRepository(db.pool());
    FeedbackRepository feedback = new FeedbackRepository(db.pool());
    TurnRecord builtin = PgConversationRepositoryTest.turn("fb", 1, "headphones");
    TurnRecord llm = new TurnRecord("fb", 2, "only Sony", null, null, List.of(), "Sony is quieter.", "ollama:qwen3",
        null, new JsonObject().put("promptVersion", "v3").encode(), builtin.createdAt());
    conversations.saveTurn(builtin).await();
    conversations.saveTurn(llm).await();
    int id = feedback.save(new Feedback("fb", 1, "p1", true, null, new JsonObject().put("bm25", 1.5).encode())).await();
    feedback.save(new Feedback("fb", 1, "p2", false, "too pricey", null)).await();
    feedback.save(new Feedback("fb", 1, null, true, null, null)).await();
    feedback.save(new Feedback("fb", 2, "p9", true, "spot on", null)).await();

    // When aggregating
    List<HelpfulRate> rates = feedback.helpfulRates().await();

    // Then each explainer/prompt version gets its own row for today
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertTrue(id > 0);
    assertEquals(List.of(
        new HelpfulRate("builtin", "v2", today, 3, 2),
        new HelpfulRate("ollama:qwen3", "v3", today, 1, 1)), rates);
    assertEquals(2.0 / 3, rates.get(0).rate(), 1e-9);
    // And each verdict reads back as stored, oldest first
    List<Feedback> stored = feedback.forConversation("fb").await();
    assertEquals(List.of("p1", "p2", "-", "p9"), stored.stream().map(f -> f.productId() == null ? "-" : f.productId()).toList());
    assertEquals(new JsonObject().put("bm25", 1.5), new JsonObject(stored.get(0).features()));
    assertEquals("too pricey", stored.get(1).reason());
    assertTrue(stored.stream().allMatch(f -> f.createdAt() != null));
  }
}
