package dev.glasscart.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.conversation.ConversationRepository;
import dev.glasscart.conversation.ConversationSummary;
import dev.glasscart.conversation.TurnRecord;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
final class PgConversationRepositoryTest {

  private static Database db;
  private static PgConversationRepository repository;

  @BeforeAll
  static void setUp(Vertx vertx) {
    db = TestDatabase.createMigrated(vertx);
    repository = new PgConversationRepository(db.pool());
  }

  @AfterAll
  static void tearDown() {
    db.close().await();
  }

  static TurnRecord turn(String conversation, int n, String text) {
    return new TurnRecord(conversation, n, text,
        new JsonObject().put("query", text).put("constraints", new JsonArray().add(new JsonObject().put("kind", "PRICE_MAX"))).encode(),
        new JsonArray().add(new JsonObject().put("productId", "p" + n).put("score", 0.5 + n))
            .add(new JsonObject().put("productId", "q" + n).put("score", 0.25)).encode(),
        List.of("p" + n, "q" + n),
        "Because it is waterproof.", "builtin",
        new JsonObject().put("resultsMs", 12).put("totalMs", 40).encode(),
        new JsonObject().put("promptVersion", "v2").encode(),
        Instant.now().truncatedTo(ChronoUnit.MICROS));
  }

  /**
   * A turn as its JSON documents mean it: PostgreSQL's jsonb keeps no key order or spacing, so
   * stored turns compare by their parsed payloads.
   */
  static JsonObject parsed(TurnRecord t) {
    return new JsonObject().put("conversationId", t.conversationId()).put("turn", t.turn()).put("userText", t.userText())
        .put("understanding", t.understanding() == null ? null : new JsonObject(t.understanding()))
        .put("results", t.results() == null ? null : new JsonArray(t.results()))
        .put("resultIds", new JsonArray(t.resultIds())).put("explanation", t.explanation()).put("explainer", t.explainer())
        .put("timings", t.timings() == null ? null : new JsonObject(t.timings())).put("details", new JsonObject(t.details()))
        .put("createdAt", t.createdAt().toString());
  }

  static List<JsonObject> parsed(List<TurnRecord> ts) {
    return ts.stream().map(PgConversationRepositoryTest::parsed).toList();
  }

  static Optional<JsonObject> parsed(Optional<TurnRecord> t) {
    return t.map(PgConversationRepositoryTest::parsed);
  }

  @Test
  void should_round_trip_turns_in_order() {
    // Given two turns saved out of order
    TurnRecord second = turn("rt", 2, "only brown");
    TurnRecord first = turn("rt", 1, "waterproof hiking boots under $120");
    repository.saveTurn(second).await();
    repository.saveTurn(first).await();

    // When reading them back
    List<TurnRecord> turns = repository.turns("rt").await();

    // Then they are equal to what was saved, in turn order
    assertEquals(parsed(List.of(first, second)), parsed(turns));
    assertEquals(2, repository.lastTurn("rt").await());
    assertTrue(repository.exists("rt").await());
    assertEquals(Optional.of(parsed(turns)), repository.transcript("rt").await().map(PgConversationRepositoryTest::parsed));
  }

  @Test
  void should_read_one_turn_and_nothing_for_an_unknown_turn_or_conversation() {
    // Given a conversation with two turns
    TurnRecord first = turn("one", 1, "a laptop");
    TurnRecord second = turn("one", 2, "not Apple");
    repository.saveTurn(first).await();
    repository.saveTurn(second).await();

    // When reading single turns, Then each is the one saved, and missing ones are empty
    assertEquals(parsed(Optional.of(second)), parsed(repository.turn("one", 2).await()));
    assertEquals(parsed(Optional.of(first)), parsed(repository.turn("one", 1).await()));
    assertEquals(Optional.empty(), repository.turn("one", 3).await());
    assertEquals(Optional.empty(), repository.turn("nobody", 1).await());
  }

  @Test
  void should_keep_each_turns_dialogue_state_and_give_the_latest_turn_past_a_number() {
    // Given three turns, the last two with the state they left
    TurnRecord plain = turn("states", 1, "a tent");
    TurnRecord t2 = withState(turn("states", 2, "under $80"), "{\"query\":\"tent\",\"page\":0}");
    TurnRecord t3 = withState(turn("states", 3, "more"), "{\"query\":\"tent\",\"page\":1}");
    for (TurnRecord t : List.of(plain, t2, t3)) repository.saveTurn(t).await();

    // When asking for the latest turn past 1, past 3, and of an unknown conversation
    Optional<TurnRecord> past1 = repository.latestAfter("states", 1).await();

    // Then past 1 is turn 3 with its state (as JSON, keys in any order); nothing is past 3; turn 1 has none
    assertEquals(3, past1.orElseThrow().turn());
    assertEquals(new io.vertx.core.json.JsonObject(t3.state()), new io.vertx.core.json.JsonObject(past1.get().state()));
    assertEquals(Optional.empty(), repository.latestAfter("states", 3).await());
    assertEquals(Optional.empty(), repository.latestAfter("nobody", 0).await());
    assertEquals(null, repository.turn("states", 1).await().orElseThrow().state());
  }

  private static TurnRecord withState(TurnRecord t, String state) {
    return new TurnRecord(t.conversationId(), t.turn(), t.userText(), t.understanding(), t.results(), t.resultIds(),
        t.explanation(), t.explainer(), t.timings(), t.details(), t.createdAt(), state);
  }

  @Test
  void should_reject_a_duplicate_turn_and_report_unknown_conversations() {
    // Given a saved turn
    repository.saveTurn(turn("dup", 1, "a laptop")).await();

    // When saving the same turn again / asking about an unknown conversation
    Throwable failure = assertThrows(ConversationRepository.TurnTakenException.class,
        () -> repository.saveTurn(turn("dup", 1, "again")).await());

    // Then the duplicate fails clearly (another writer has the turn), naming the conversation by its log id only,
    // the first record stays, and unknown conversations are empty
    assertTrue(failure.getMessage().contains("turn 1 of conversation " + ConversationRepository.logId("dup")
        + " is already stored by another writer"), failure.getMessage());
    assertEquals("a laptop", repository.turn("dup", 1).await().orElseThrow().userText());
    assertFalse(failure.getMessage().contains("dup:"), failure.getMessage());
    assertEquals(List.of(), repository.turns("nobody").await());
    assertFalse(repository.exists("nobody").await());
    assertEquals(0, repository.lastTurn("nobody").await());
    assertEquals(Optional.empty(), repository.transcript("nobody").await());
  }

  @Test
  void should_store_the_resume_token_hash_with_the_conversation() {
    // Given a conversation created with a token hash, and one from before tokens existed
    repository.ensureConversation("owned", "ab12").await();
    repository.saveTurn(turn("legacy", 1, "a laptop")).await();

    // When reading the hashes back
    // Then each is as stored, a legacy one is empty, an unknown conversation has none
    assertEquals(Optional.of("ab12"), repository.resumeTokenHash("owned").await());
    assertEquals(Optional.of(""), repository.resumeTokenHash("legacy").await());
    assertEquals(Optional.empty(), repository.resumeTokenHash("nobody").await());
    // And creating it again never replaces the secret
    repository.ensureConversation("owned", "ffff").await();
    assertEquals(Optional.of("ab12"), repository.resumeTokenHash("owned").await());
  }

  @Test
  void should_count_a_retried_save_of_the_same_record_as_saved() {
    // Given a turn whose first save committed although its caller timed out
    TurnRecord t = turn("retried", 1, "a laptop");
    repository.saveTurn(t).await();

    // When the caller saves the very same record again
    repository.saveTurn(t).await();

    // Then it succeeds and the turn is stored once
    assertEquals(1, repository.turns("retried").await().size());
  }

  @Test
  void should_tie_a_new_conversation_to_its_shopper_when_it_is_created() {
    // Given a stored shopper
    PgShopperRepository shoppers = new PgShopperRepository(db.pool());
    String shopper = shoppers.create("token-of-a-new-conversation").await().id();

    // When a conversation is created for them, and another for nobody
    repository.ensureConversation("theirs", "cd34", shopper).await();
    repository.ensureConversation("nobodys", "ef56", null).await();

    // Then the first is theirs, with its resume token hash, and the second has no shopper
    assertEquals(shopper, shoppers.ofConversation("theirs").await().orElseThrow().id());
    assertEquals(Optional.of("cd34"), repository.resumeTokenHash("theirs").await());
    assertEquals(Optional.empty(), shoppers.ofConversation("nobodys").await());
    assertEquals(Optional.of("ef56"), repository.resumeTokenHash("nobodys").await());
  }

  @Test
  void should_store_the_shoppers_profile_in_the_turns_commit_and_not_with_a_taken_turn() {
    // Given a stored shopper with an empty profile
    String shopper = new PgShopperRepository(db.pool()).create("token-of-profile-turns").await().id();
    String learned = new JsonObject().put("preferences", new JsonArray().add(new JsonObject().put("kind", "brand")
        .put("field", "brand").put("value", "acme").put("weight", 1.0).put("updatedAt", "2026-01-01T00:00:00Z")))
        .put("halfLifeDays", 30).encode();

    // When a turn is saved with the profile it changed, then the same turn number by another writer with another profile
    repository.saveTurn(turn("profiled", 1, "acme boots"), new ConversationRepository.ProfileWrite(shopper, learned)).await();
    String other = new JsonObject().put("preferences", new JsonArray()).put("halfLifeDays", 30).encode();
    assertThrows(ConversationRepository.TurnTakenException.class, () -> repository.saveTurn(turn("profiled", 1, "again"),
        new ConversationRepository.ProfileWrite(shopper, other)).await());

    // Then the first turn and its profile are stored, and the refused turn changed neither
    assertEquals("acme boots", repository.turn("profiled", 1).await().orElseThrow().userText());
    JsonObject stored = db.pool().preparedQuery("SELECT profile FROM shoppers WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(shopper)).await().iterator().next().getJsonObject(0);
    assertEquals(new JsonObject(learned), stored);
    // And a turn without a profile leaves the stored one as it is
    repository.saveTurn(turn("profiled", 2, "in black"), null).await();
    assertEquals(new JsonObject(learned), db.pool().preparedQuery("SELECT profile FROM shoppers WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(shopper)).await().iterator().next().getJsonObject(0));
  }

  @Test
  void should_list_most_recent_first_and_search_user_text() {
    // Given three conversations, the first one touched again last
    repository.saveTurn(turn("list-a", 1, "Running shoes for women under $120")).await();
    repository.saveTurn(turn("list-b", 1, "a laptop")).await();
    repository.ensureConversation("list-c").await();
    repository.saveTurn(turn("list-a", 2, "only Nike")).await();

    // When listing and searching
    List<ConversationSummary> all = repository.list(null, 100, 0).await().stream()
        .filter(s -> s.conversationId().startsWith("list-")).toList();
    List<ConversationSummary> nike = repository.list("NIKE", 10, 0).await();
    List<ConversationSummary> page = repository.list(null, 1, 1).await();

    // Then the order is by last update, summaries carry counts and messages, search is case-insensitive
    assertEquals(List.of("list-a", "list-c", "list-b"), all.stream().map(ConversationSummary::conversationId).toList());
    ConversationSummary a = all.get(0);
    assertEquals(2, a.turns());
    assertEquals("Running shoes for women under $120", a.firstMessage());
    assertEquals("only Nike", a.lastMessage());
    assertTrue(a.updatedAt().isAfter(a.startedAt()));
    assertEquals(0, all.get(1).turns());
    assertEquals(List.of("list-a"), nike.stream().map(ConversationSummary::conversationId).toList());
    assertEquals(1, page.size());
  }
}
