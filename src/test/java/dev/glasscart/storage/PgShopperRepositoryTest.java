package dev.glasscart.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.conversation.Feedback;
import dev.glasscart.conversation.TurnRecord;
import dev.glasscart.profile.ShopperProfile;
import dev.glasscart.profile.ShopperRepository.Shopper;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Shoppers, their export, erase and retention in real PostgreSQL, checked with SQL. */
final class PgShopperRepositoryTest {
  private static Vertx vertx;
  private static Database db;
  private static PgShopperRepository shoppers;
  private static PgConversationRepository conversations;
  private static FeedbackRepository feedback;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    db = TestDatabase.createMigrated(vertx);
    shoppers = new PgShopperRepository(db.pool());
    conversations = new PgConversationRepository(db.pool());
    feedback = new FeedbackRepository(db.pool());
  }

  @AfterAll
  static void tearDown() {
    db.close().await();
    vertx.close().await();
  }

  private static long count(String query, Object... args) {
    return db.pool().preparedQuery(query).execute(Tuple.from(args)).await().iterator().next().getLong(0);
  }

  private static void conversation(String id, String shopperId, String text) {
    conversations.ensureConversation(id, "resume-" + id).await();
    if (shopperId != null) shoppers.assign(id, shopperId).await();
    conversations.saveTurn(new TurnRecord(id, 1, text, new JsonObject().put("query", text).encode(), new JsonArray().encode(),
        List.of(), "an answer", "builtin", new JsonObject().encode(), new JsonObject().encode(), Instant.now())).await();
    feedback.save(new Feedback(id, 1, null, true, "fine", new JsonObject().encode())).await();
  }

  @Test
  void should_export_every_row_of_a_shopper_and_erase_them_all_leaving_others() {
    Shopper a = shoppers.create("hash-a").await();
    Shopper b = shoppers.create("hash-b").await();
    ShopperProfile profile = ShopperProfile.EMPTY.with(ShopperProfile.Kind.BRAND, "", "Acme", 1, Instant.now());
    shoppers.saveProfile(a.id(), profile).await();
    conversation("a1", a.id(), "first words");
    conversation("a2", a.id(), "second words");
    conversation("b1", b.id(), "other shopper");

    assertEquals(profile, shoppers.byToken("hash-a").await().orElseThrow().profile());
    JsonObject export = new JsonObject(shoppers.export(a.id()).await());
    assertEquals(profile, PgShopperRepository.profile(export.getJsonObject("profile")));
    assertEquals(List.of("a1", "a2"), export.getJsonArray("conversations").stream()
        .map(c -> ((JsonObject) c).getString("conversationId")).toList());
    for (Object c : export.getJsonArray("conversations")) {
      JsonObject conv = (JsonObject) c;
      assertEquals(1, conv.getJsonArray("turns").size());
      assertEquals(1, conv.getJsonArray("feedback").size());
      assertEquals("resume-" + conv.getString("conversationId"), conv.getString("resumeTokenHash"));
    }
    assertEquals("hash-a", export.getJsonArray("tokens").getJsonObject(0).getString("tokenHash"));

    assertEquals(List.of("a1", "a2"), shoppers.erase(a.id()).await().stream().sorted().toList());

    assertEquals(0, count("SELECT count(*) FROM shoppers WHERE id = $1", a.id()));
    assertEquals(0, count("SELECT count(*) FROM shopper_tokens WHERE token_hash = 'hash-a'"));
    assertEquals(0, count("SELECT count(*) FROM conversations WHERE id IN ('a1', 'a2')"));
    assertEquals(0, count("SELECT count(*) FROM turns WHERE conversation_id IN ('a1', 'a2')"));
    assertEquals(0, count("SELECT count(*) FROM feedback WHERE conversation_id IN ('a1', 'a2')"));
    assertEquals(1, count("SELECT count(*) FROM turns WHERE conversation_id = 'b1'"));
    assertEquals(1, count("SELECT count(*) FROM feedback WHERE conversation_id = 'b1'"));
    assertTrue(shoppers.byToken("hash-b").await().isPresent());
    // a profile saved after the delete does not bring the shopper back
    shoppers.saveProfile(a.id(), profile).await();
    assertEquals(0, count("SELECT count(*) FROM shoppers WHERE id = $1", a.id()));
  }

  @Test
  void should_delete_conversations_older_than_the_retention_with_their_turns_and_feedback() {
    conversation("old", null, "long ago");
    conversation("new", null, "just now");
    db.pool().query("UPDATE conversations SET updated_at = now() - interval '40 days' WHERE id = 'old'").execute().await();

    List<String> deleted = shoppers.deleteConversationsOlderThan(Duration.ofDays(30)).await();

    assertEquals(List.of("old"), deleted);
    assertEquals(0, count("SELECT count(*) FROM turns WHERE conversation_id = 'old'"));
    assertEquals(0, count("SELECT count(*) FROM feedback WHERE conversation_id = 'old'"));
    assertEquals(1, count("SELECT count(*) FROM turns WHERE conversation_id = 'new'"));
  }

  @Test
  void should_give_a_shops_customer_one_shopper_for_all_their_tokens() {
    Shopper first = shoppers.forCustomer("customer-hash-1", "token-1").await();
    Shopper again = shoppers.forCustomer("customer-hash-1", "token-2").await();
    assertEquals(first.id(), again.id());
    assertEquals(first.id(), shoppers.byToken("token-2").await().orElseThrow().id());
    assertEquals(2, count("SELECT count(*) FROM shopper_tokens WHERE shopper_id = $1", first.id()));
  }
}
