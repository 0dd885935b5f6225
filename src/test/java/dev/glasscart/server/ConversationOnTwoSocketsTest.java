package dev.glasscart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.conversation.CatalogMeanings;
import dev.glasscart.conversation.CatalogVocabulary;
import dev.glasscart.conversation.ConversationService;
import dev.glasscart.conversation.Understander;
import dev.glasscart.explanation.Explainers;
import dev.glasscart.explanation.FallbackExplainer;
import dev.glasscart.observability.AppMetrics;
import dev.glasscart.ranking.AdditiveRanker;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.dense.IndexingProgress;
import dev.glasscart.retrieval.lexical.Bm25Retriever;
import dev.glasscart.retrieval.lexical.FieldBoosts;
import dev.glasscart.retrieval.lexical.LexicalIndex;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import dev.glasscart.storage.Database;
import dev.glasscart.storage.FeedbackRepository;
import dev.glasscart.storage.PgRelationRepository;
import dev.glasscart.storage.TrustRepository;
import dev.glasscart.storage.PgConversationRepository;
import dev.glasscart.storage.PgShopperRepository;
import dev.glasscart.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One conversation open on two sockets while a turn is slow: the real server (two instances on
 * two event loops, as {@code Glasscart} runs it on a 2-core machine), embedded
 * PostgreSQL and Lucene, with a retriever that can be held (or made to fail) for the next call.
 * Vert.x's blocked-thread checker runs every 50 ms with a 200 ms event-loop limit; nothing may
 * trip it.
 */
final class ConversationOnTwoSocketsTest {
  private static Vertx vertx;
  private static Vertx client;
  private static Database database;
  private static LexicalIndex lexical;
  private static int port;
  private static final HeldRetriever retriever = new HeldRetriever();
  private static final AtomicInteger blockedWarnings = new AtomicInteger();
  private static final Handler BLOCKED = new Handler() {
    @Override
    public void publish(LogRecord r) {
      blockedWarnings.incrementAndGet();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  /** BM25 over the demo catalog; the next call after {@link #hold} waits for {@link #release}, after {@link #failNext} throws. */
  private static final class HeldRetriever implements Retriever {
    volatile Retriever delegate;
    final AtomicReference<CountDownLatch> held = new AtomicReference<>();
    final CountDownLatch entered = new CountDownLatch(1);
    volatile boolean fail;

    void hold() {
      held.set(new CountDownLatch(1));
    }

    void release() {
      CountDownLatch l = held.getAndSet(null);
      if (l != null) l.countDown();
    }

    void failNext() {
      fail = true;
    }

    @Override
    public List<Candidate> retrieve(String query, int k) {
      if (fail) {
        fail = false;
        throw new IllegalStateException("index shard 7 at /var/lib/secret-path is corrupt");
      }
      CountDownLatch l = held.get();
      if (l != null) {
        entered.countDown();
        try {
          if (!l.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return delegate.retrieve(query, k);
    }

    @Override
    public List<Candidate> retrieveAmong(String query, int k, Set<String> allowed) {
      return delegate.retrieveAmong(query, k, allowed);
    }
  }

  @BeforeAll
  static void start() {
    Logger.getLogger("io.vertx.core.internal.threadchecker.BlockedThreadChecker").addHandler(BLOCKED);
    vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(50)
        .setMaxEventLoopExecuteTime(200).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    client = Vertx.vertx();
    Path dataDir = TestApp.freshDataDir("two-sockets");
    database = Database.start(vertx, dataDir, null).await();
    Catalog catalog = new Catalog(DemoCatalog.generate());
    lexical = LexicalIndex.inMemory(catalog, ProductAnalyzer.standard());
    retriever.delegate = new Bm25Retriever(lexical, FieldBoosts.defaults());
    ConversationService conversations = new ConversationService(catalog, retriever, AdditiveRanker.untrained(),
        new Understander(CatalogVocabulary.from(catalog), catalog, CatalogMeanings.NONE));
    // two servers, each on its own event loop: the two sockets of a conversation land on different
    // loops (connections go round the instances), so a turn queued on one waits for the other's
    GlasscartServer server = GlasscartServer.deploy(vertx, "127.0.0.1", 0, new GlasscartServer.Services(conversations,
        new PgConversationRepository(database.pool()), new FeedbackRepository(database.pool()),
        Explainers.create(null, null, Path.of("prompts"), new FallbackExplainer.Timeouts(
            Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60)), Duration.ofSeconds(30)),
        TestApp.AGENT_TOKEN, Path.of("web-ui"), 2, IndexingProgress.none(),
        () -> database.health().map(h -> new GlasscartServer.Health(h.ok(), h.reason())), List.of(), false, new AppMetrics(false),
        new PgRelationRepository(database.pool()), new TrustRepository(database.pool()),
        new GlasscartServer.Privacy(new PgShopperRepository(database.pool()), new byte[32], 0), null), 2).await();
    port = server.actualPort();
  }

  @AfterAll
  static void stop() throws Exception {
    retriever.release();
    Logger.getLogger("io.vertx.core.internal.threadchecker.BlockedThreadChecker").removeHandler(BLOCKED);
    if (client != null) client.close().await();
    if (database != null) database.close().await(); // on the server's Vert.x: before it closes
    if (vertx != null) vertx.close().await();
    if (lexical != null) lexical.close();
  }

  @Test
  void should_keep_both_sockets_answering_while_the_conversation_has_a_slow_turn() throws Exception {
    try (ChatClient first = new ChatClient(client, port); ChatClient second = new ChatClient(client, port)) {
      // Given a conversation with one turn
      first.message("running shoes");
      JsonObject conversation = first.expect("conversation");
      String id = conversation.getString("conversationId");
      first.untilDone();
      // And a second socket that resumed it
      second.send(new JsonObject().put("type", "feedback").put("conversationId", id)
          .put("resumeToken", conversation.getString("resumeToken")).put("turn", 1).put("helpful", true));
      assertTrue(second.expect("conversation").getBoolean("resumed"));
      assertEquals("feedback_saved", second.next().getString("type"));

      // When the first socket's next turn is held inside retrieval
      retriever.hold();
      first.message("hiking boots");
      assertTrue(retriever.entered.await(30, TimeUnit.SECONDS), "the turn reached retrieval");
      // And the second socket asks for a turn of the same conversation meanwhile
      second.message("in black");

      // Then the second socket still answers at once: its event loop waits for no lock
      long t0 = System.nanoTime();
      second.send(new JsonObject().put("type", "dance"));
      assertEquals("unknown_type", second.expect("error").getString("code"));
      second.send(new JsonObject().put("type", "feedback").put("turn", 1).put("helpful", false));
      assertEquals("feedback_saved", second.next().getString("type"));
      long answeredMs = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(answeredMs < 5_000, "answered in " + answeredMs + " ms while the other turn was held");
      // And so does the HTTP API on the same server
      JsonObject health = ChatSocketTestSupport.agentGet(client, port, "/health");
      assertEquals("ok", health.getString("status"));

      // When the held turn goes on
      retriever.release();
      // Then the turns are numbered in the order they were asked, the second after the first finished
      assertEquals(2, first.expect("understanding").getInteger("turn"));
      first.untilDone();
      assertEquals(3, second.expect("understanding").getInteger("turn"));
      assertTrue(second.untilDone().getLast().getBoolean("saved"));
      JsonArray turns = ChatSocketTestSupport.transcript(client, port, id).getJsonArray("turns");
      assertEquals(List.of("running shoes", "hiking boots", "in black"),
          turns.stream().map(t -> ((JsonObject) t).getString("userText")).toList());
      assertEquals(0, blockedWarnings.get(), "the blocked-thread checker saw an event loop blocked");
    }
  }

  @Test
  void should_tell_the_shopper_about_a_fault_by_reference_without_its_internals() {
    try (ChatClient chat = new ChatClient(client, port)) {
      retriever.failNext();
      chat.message("a tent");
      chat.expect("conversation");
      JsonObject error = chat.expect("error");
      assertEquals("internal", error.getString("code"));
      assertEquals(1, error.getInteger("turn"));
      String message = error.getString("message");
      assertFalse(message.contains("shard") || message.contains("secret") || message.contains("IllegalState"), message);
      assertTrue(message.matches(".*\\(reference e-[0-9a-f]+\\)"), message);
      // And the conversation goes on, the failed turn's number given back
      chat.message("a tent");
      assertEquals(1, chat.expect("understanding").getInteger("turn"));
      chat.untilDone();
    }
  }
}
