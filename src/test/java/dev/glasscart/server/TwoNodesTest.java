package dev.glasscart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.CatalogExporter;
import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.testing.ChildProcesses;
import dev.glasscart.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two {@code serve} processes (separate JVMs) on one PostgreSQL ({@code glasscart db}, a third
 * JVM), each with its own data dir (Lucene index, embeddings): a shopper's conversation alternates
 * between them over real WebSockets, two sockets race on one turn number, and a catalog change
 * made through one server's API is searched on the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Vertx client;
  private ChildProcesses.Db db;
  private ChildProcesses.Node a;
  private ChildProcesses.Node b;
  private List<Product> catalog;

  /** The flags both servers get to search the catalog: none here (each its own Lucene index and vectors). */
  protected List<String> catalogSearch(Path dir) throws Exception {
    return List.of();
  }

  /** Stops what {@link #catalogSearch} started. */
  protected void stopCatalogSearch() throws Exception {}

  @BeforeAll
  void start() throws Exception {
    Path dir = TestApp.freshDataDir("two-nodes");
    catalog = DemoCatalog.generate().subList(0, 240);
    Path file = dir.resolve("catalog.jsonl");
    CatalogExporter.write(catalog, file);
    db = ChildProcesses.db(dir.resolve("pg"));
    // the first imports the catalog; the second finds it stored
    List<String> search = catalogSearch(dir);
    List<String> first = new ArrayList<>(search);
    first.addAll(List.of("--catalog", file.toString()));
    a = ChildProcesses.serve(dir.resolve("a"), db.url(), first.toArray(String[]::new));
    b = ChildProcesses.serve(dir.resolve("b"), db.url(), search.toArray(String[]::new));
    client = Vertx.vertx();
  }

  @AfterAll
  void stop() throws Exception {
    if (client != null) client.close().await();
    for (AutoCloseable c : new AutoCloseable[] {b, a, db}) {
      if (c != null) c.close();
    }
    stopCatalogSearch();
  }

  @Test
  void should_continue_a_conversation_on_the_other_server_with_turns_constraints_and_references_right() throws Exception {
    try (ChatClient onA = new ChatClient(client, a.port()); ChatClient onB = new ChatClient(client, b.port())) {
      // Given a search on server A
      onA.message(largestCategory());
      JsonObject conversation = onA.expect("conversation");
      Map<String, JsonObject> t1 = byType(onA.untilDone());
      assertEquals(1, t1.get("understanding").getInteger("turn"));
      JsonArray shown1 = t1.get("results").getJsonArray("items");
      assertTrue(shown1.size() >= 3, t1.get("results").encode());
      assertTrue(t1.get("done").getBoolean("saved"));

      // When the shopper's socket moves to server B and refers to what A showed
      onB.send(new JsonObject().put("type", "message").put("text", "why the second one?")
          .put("conversationId", conversation.getString("conversationId")).put("resumeToken", conversation.getString("resumeToken")));
      assertTrue(onB.expect("conversation").getBoolean("resumed"));
      Map<String, JsonObject> t2 = byType(onB.untilDone());

      // Then B numbers it 2 and resolves "the second one" against A's results
      assertEquals(2, t2.get("understanding").getInteger("turn"));
      assertEquals("why", t2.get("understanding").getString("intent"));
      assertEquals(List.of(shown1.getJsonObject(1).getString("productId")),
          t2.get("understanding").getJsonArray("referencedProductIds").getList());
      assertTrue(t2.get("done").getBoolean("saved"));

      // When the shopper goes back to A (which last held turn 1) and narrows the search
      long cap = (long) Math.ceil(shown1.stream().mapToDouble(o -> ((JsonObject) o).getDouble("price")).max().orElseThrow());
      onA.message("under $" + cap);
      Map<String, JsonObject> t3 = byType(onA.untilDone());

      // Then A continues from B's turn: turn 3, turn 1's constraints kept, the cap added
      JsonObject u3 = t3.get("understanding");
      assertEquals(3, u3.getInteger("turn"));
      List<String> constraints3 = kinds(u3);
      for (String c : kinds(t1.get("understanding"))) assertTrue(constraints3.contains(c), c + " kept in " + u3.encode());
      assertTrue(constraints3.contains("price_max:" + cap), u3.encode());
      JsonArray shown3 = t3.get("results").getJsonArray("items");
      assertTrue(shown3.size() >= 1, t3.get("results").encode());
      for (Object o : shown3) assertTrue(((JsonObject) o).getDouble("price") <= cap, ((JsonObject) o).encode());

      // And back on B, "the first one" is the first of A's turn 3
      onB.message("why the first one?");
      Map<String, JsonObject> t4 = byType(onB.untilDone());
      assertEquals(4, t4.get("understanding").getInteger("turn"));
      assertEquals(List.of(shown3.getJsonObject(0).getString("productId")),
          t4.get("understanding").getJsonArray("referencedProductIds").getList());

      // And the database holds turns 1 to 4 once each, each with the state it left
      Map<Integer, String> stored = storedTurns(conversation.getString("conversationId"));
      assertEquals(List.of(1, 2, 3, 4), List.copyOf(stored.keySet()));
      assertEquals("why the first one?", stored.get(4));
      try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
          "SELECT count(*) FROM turns WHERE conversation_id = ? AND state IS NOT NULL")) {
        s.setString(1, conversation.getString("conversationId"));
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          assertEquals(4, rs.getInt(1));
        }
      }
    }
  }

  /** How one socket's turn ended. */
  private record Ended(int turn, boolean saved, String errorCode, String text) {}

  @Test
  void should_store_each_turn_number_once_when_two_servers_race_on_one_conversation() throws Exception {
    try (ChatClient onA = new ChatClient(client, a.port()); ChatClient onB = new ChatClient(client, b.port())) {
      // Given a conversation started on A and resumed on B (by a verdict, so no turn is taken)
      onA.message(largestCategory());
      JsonObject conversation = onA.expect("conversation");
      String id = conversation.getString("conversationId");
      assertTrue(byType(onA.untilDone()).get("done").getBoolean("saved"));
      onB.send(new JsonObject().put("type", "feedback").put("conversationId", id)
          .put("resumeToken", conversation.getString("resumeToken")).put("turn", 1).put("helpful", true));
      assertTrue(onB.expect("conversation").getBoolean("resumed"));
      assertEquals("feedback_saved", onB.next().getString("type"));

      // When both servers get a message for the conversation at the same moment, several times
      List<Ended> ended = new ArrayList<>();
      String[][] rounds = {{"in stock", "rated 4 stars or more"}, {"the best rated", "the cheapest"}, {"more like these", "show more"}};
      for (String[] round : rounds) {
        onA.message(round[0]);
        onB.message(round[1]);
        ended.add(end(onA, round[0]));
        ended.add(end(onB, round[1]));
      }

      // Then every turn number is stored once, by the socket that was told saved: true
      Map<Integer, String> stored = storedTurns(id);
      List<Ended> saved = ended.stream().filter(Ended::saved).toList();
      assertEquals(1 + saved.size(), stored.size(), () -> "stored " + stored + ", ended " + ended);
      for (Ended e : saved) assertEquals(e.text(), stored.get(e.turn()), () -> "turn " + e.turn() + " of " + ended);
      assertEquals(stored.size(), stored.keySet().stream().max(Integer::compare).orElseThrow(), "no gap: " + stored);
      // and one that was not stored said why: another writer had the turn
      for (Ended e : ended) {
        if (!e.saved()) assertEquals("turn_taken", e.errorCode(), () -> "unsaved without turn_taken: " + ended);
      }
      long taken = ended.stream().filter(e -> !e.saved()).count();
      System.out.println("two servers racing: " + rounds.length + " rounds, " + saved.size() + " turns stored, " + taken
          + " answered turn_taken: " + ended);

      // When the shopper on B sends again, it is numbered after everything stored
      onB.message("in stock");
      Ended next = end(onB, "in stock");
      assertTrue(next.saved(), next.toString());
      assertEquals(stored.size() + 1, next.turn());
    }
  }

  @Test
  void should_search_on_one_server_a_product_upserted_through_the_other() throws Exception {
    // Given a product with a word no catalog product has
    Product fresh = new Product("two-nodes-1", "Quillory trail lantern", "A bright lantern for the trail.", "Lumo", "lanterns",
        24, "USD", 4, 2, List.of(), Map.of("colour", "orange"), 5, List.of(), null);

    // When it is upserted through A's agent API
    long t0 = System.nanoTime();
    assertEquals(200, call(a.port(), "POST", "/api/catalog/products", JsonObject.mapFrom(fresh).encode()).statusCode());

    // Then B's search finds it (B applied A's notified change to its own index)
    await(b.port(), "quillory", ids -> !ids.isEmpty() && ids.getFirst().equals(fresh.id()), Duration.ofSeconds(60));
    System.out.println("upsert through A until searchable on B: " + (System.nanoTime() - t0) / 1_000_000 + " ms");

    // When B deletes it, A stops finding it
    long t1 = System.nanoTime();
    assertEquals(200, call(b.port(), "DELETE", "/api/catalog/products/" + fresh.id(), null).statusCode());
    await(a.port(), "quillory", ids -> !ids.contains(fresh.id()), Duration.ofSeconds(60));
    System.out.println("delete through B until gone on A: " + (System.nanoTime() - t1) / 1_000_000 + " ms");
  }

  // ---- helpers ----

  /** The catalog's largest category, in its own words: what a shopper types first. */
  private String largestCategory() {
    return catalog.stream().collect(Collectors.groupingBy(Product::category, Collectors.counting())).entrySet().stream()
        .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .orElseThrow().getKey();
  }

  private static Map<String, JsonObject> byType(List<JsonObject> events) {
    return events.stream().collect(Collectors.toMap(e -> e.getString("type"), Function.identity(), (x, y) -> x, LinkedHashMap::new));
  }

  private static List<String> kinds(JsonObject understanding) {
    List<String> out = new ArrayList<>();
    for (Object o : understanding.getJsonArray("constraints")) {
      JsonObject c = (JsonObject) o;
      out.add(c.getString("kind") + ":" + c.getString("value"));
    }
    return out;
  }

  /** The socket's events up to its done; an error other than turn_taken fails the test. */
  private static Ended end(ChatClient chat, String text) {
    String error = null;
    while (true) {
      JsonObject e = chat.next();
      switch (e.getString("type")) {
        case "error" -> {
          error = e.getString("code");
          assertEquals("turn_taken", error, e.encode());
        }
        case "done" -> {
          return new Ended(e.getInteger("turn"), e.getBoolean("saved"), error, text);
        }
        default -> { }
      }
    }
  }

  /** Turn number to shopper text, as stored, in turn order. */
  private Map<Integer, String> storedTurns(String conversationId) throws Exception {
    Map<Integer, String> out = new LinkedHashMap<>();
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement("SELECT turn, user_text FROM turns WHERE conversation_id = ? ORDER BY turn")) {
      s.setString(1, conversationId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) out.put(rs.getInt(1), rs.getString(2));
      }
    }
    return out;
  }

  private HttpResponse<String> call(int port, String method, String path, String body) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + TestApp.AGENT_TOKEN).header("Content-Type", "application/json");
    r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Polls {@code port}'s search for {@code query} (top 10) until {@code ok} holds for the product ids it gives. */
  private void await(int port, String query, java.util.function.Predicate<List<String>> ok, Duration limit) throws Exception {
    long t0 = System.nanoTime();
    List<String> ids = null;
    while (System.nanoTime() - t0 < limit.toNanos()) {
      HttpResponse<String> r = call(port, "POST", "/api/search", new JsonObject().put("query", query).put("limit", 10).encode());
      assertEquals(200, r.statusCode(), r.body());
      ids = new JsonObject(r.body()).getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("productId")).toList();
      if (ok.test(ids)) return;
      Thread.sleep(100);
    }
    throw new AssertionError("the search for '" + query + "' on port " + port + " still gave " + ids + " after " + limit);
  }

}
