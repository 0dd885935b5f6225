package dev.glasscart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.Glasscart;
import dev.glasscart.profile.PersonalData;
import dev.glasscart.storage.Database;
import dev.glasscart.storage.TestDatabase;
import dev.glasscart.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shopper's identity and own data over the real server: a real WebSocket, HTTP, and the
 * PostgreSQL database the server writes to, read back with SQL.
 */
final class ShopperDataTest {
  private static Vertx vertx;
  private static Glasscart app;
  private static Database sql;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    String url = TestDatabase.freshDatabaseUrl();
    app = TestApp.start(TestApp.config(TestApp.freshDataDir("shopper")).toBuilder().databaseUrl(url).build());
    sql = Database.external(vertx, url);
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
    if (sql != null) sql.close().await();
    if (vertx != null) vertx.close().await();
  }

  private record Reply(int status, Buffer body) {
    JsonObject json() {
      return body.toJsonObject();
    }
  }

  private static Reply call(HttpMethod method, String path, String token) {
    HttpClient http = vertx.createHttpClient();
    try {
      RequestOptions o = new RequestOptions().setMethod(method).setHost("localhost").setPort(app.port()).setURI(path);
      if (token != null) o.putHeader("Authorization", "Bearer " + token);
      return http.request(o).compose(req -> req.send()).compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(), b))).await();
    } finally {
      http.close();
    }
  }

  private static long count(String query, Object... args) {
    return sql.pool().preparedQuery(query).execute(Tuple.from(args)).await().iterator().next().getLong(0);
  }

  private static JsonObject message(String text, String shopperToken) {
    JsonObject m = new JsonObject().put("type", "message").put("text", text);
    if (shopperToken != null) m.put("shopperToken", shopperToken);
    return m;
  }

  /** One turn on {@code c}; the results event's items. */
  private static JsonArray turn(ChatClient c, JsonObject message) {
    c.send(message);
    JsonArray items = null;
    for (JsonObject e : c.untilDone()) {
      if ("results".equals(e.getString("type"))) items = e.getJsonArray("items");
      if ("done".equals(e.getString("type"))) assertTrue(e.getBoolean("saved"), e.encode());
    }
    return items;
  }

  private static int rankOfBrand(JsonArray items, String brand) {
    for (int i = 0; i < items.size(); i++) if (brand.equals(items.getJsonObject(i).getString("brand"))) return i + 1;
    return Integer.MAX_VALUE;
  }

  @Test
  void should_issue_a_token_learn_a_liked_brand_and_export_then_delete_everything_stored() throws Exception {
    // Given a first conversation without a shopper token: the server issues one (>= 128 random bits)
    String token;
    String firstId;
    String brand;
    int baselineRank;
    try (ChatClient c = new ChatClient(vertx, app.port())) {
      c.send(message("espresso machine", null));
      JsonObject conversation = c.expect("conversation");
      token = conversation.getString("shopperToken");
      assertNotNull(token, conversation.encode());
      assertTrue(Base64.getUrlDecoder().decode(token).length * 8 >= 128);
      firstId = conversation.getString("conversationId");
      JsonArray items = null;
      for (JsonObject e : c.untilDone()) if ("results".equals(e.getString("type"))) items = e.getJsonArray("items");
      // the brand of the lowest-ranked result whose brand the top result does not share
      String top = items.getJsonObject(0).getString("brand");
      String pick = null;
      for (int i = items.size() - 1; i > 0 && pick == null; i--) {
        String b = items.getJsonObject(i).getString("brand");
        if (!b.equals(top) && rankOfBrand(items, b) == i + 1) pick = b;
      }
      assertNotNull(pick, "the page shows another brand: " + items.encode());
      brand = pick;
      baselineRank = rankOfBrand(items, brand);
      // When the shopper says they like that brand, and types an e-mail address and a phone number
      turn(c, message("I like " + brand, token));
      turn(c, message("my email is kim.doe@example.org and my phone is (212) 555-0187, any grinder?", token));
      c.send(new JsonObject().put("type", "feedback").put("turn", 1).put("helpful", true)
          .put("productId", items.getJsonObject(0).getString("productId")).put("reason", "reach me at kim.doe@example.org"));
      c.expect("feedback_saved");
    }

    // Then the stored text is masked (the shopper's screen kept what they typed)
    List<String> stored = new ArrayList<>();
    for (Row r : sql.pool().preparedQuery("SELECT user_text FROM turns WHERE conversation_id = $1 ORDER BY turn")
        .execute(Tuple.of(firstId)).await()) {
      stored.add(r.getString(0));
    }
    assertEquals("my email is " + PersonalData.EMAIL_MASK + " and my phone is " + PersonalData.PHONE_MASK + ", any grinder?",
        stored.get(2));
    assertEquals(0, count("SELECT count(*) FROM turns WHERE understanding::text LIKE '%example.org%' OR details::text LIKE '%555%0187%'"
        + " OR explanation LIKE '%example.org%'"));
    assertEquals("reach me at " + PersonalData.EMAIL_MASK,
        sql.pool().query("SELECT reason FROM feedback").execute().await().iterator().next().getString(0));
    // only hashes of the token are stored
    assertEquals(0, count("SELECT count(*) FROM shopper_tokens WHERE token_hash = $1", token));
    assertEquals(1, count("SELECT count(*) FROM shopper_tokens WHERE token_hash = $1", LiveConversations.resumeTokenHash(token)));

    // When the same shopper searches again in a new conversation, with their token
    String secondId;
    try (ChatClient c = new ChatClient(vertx, app.port())) {
      c.send(message("espresso machine", token));
      JsonObject conversation = c.expect("conversation");
      assertNull(conversation.getString("shopperToken"), "a known token is not replaced");
      secondId = conversation.getString("conversationId");
      JsonArray items = null;
      for (JsonObject e : c.untilDone()) if ("results".equals(e.getString("type"))) items = e.getJsonArray("items");
      // Then the liked brand rises, with the reason in the shopper's words
      int rank = rankOfBrand(items, brand);
      assertTrue(rank < baselineRank, brand + " was #" + baselineRank + ", now #" + rank + ": " + items.encode());
      JsonObject item = items.getJsonObject(rank - 1);
      boolean reason = item.getJsonArray("contributions").stream().map(JsonObject.class::cast)
          .anyMatch(x -> x.getString("feature").equals("profile_brand") && x.getString("label").equals("you liked " + brand + " before"));
      assertTrue(reason, item.encode());
    }

    // And GET /api/me shows the profile and both conversations
    assertEquals(401, call(HttpMethod.GET, "/api/me", null).status());
    assertEquals(401, call(HttpMethod.GET, "/api/me", "not-a-token-of-anyone-1234").status());
    JsonObject me = call(HttpMethod.GET, "/api/me", token).json();
    assertTrue(me.getJsonArray("preferences").stream().map(JsonObject.class::cast)
        .anyMatch(p -> p.getString("kind").equals("brand") && p.getString("value").equalsIgnoreCase(brand) && p.getBoolean("liked")), me.encode());
    assertEquals(List.of(secondId, firstId), me.getJsonArray("conversations").stream()
        .map(x -> ((JsonObject) x).getString("conversationId")).toList());

    // And the export holds every stored row about the shopper, as stored
    Reply exported = call(HttpMethod.GET, "/api/me/export", token);
    assertEquals(200, exported.status());
    JsonObject export = exported.json();
    String shopperId = export.getJsonObject("shopper").getString("id");
    assertEquals(count("SELECT count(*) FROM conversations WHERE shopper_id = $1", shopperId), export.getJsonArray("conversations").size());
    long turns = 0;
    long feedback = 0;
    for (Object o : export.getJsonArray("conversations")) {
      JsonObject conv = (JsonObject) o;
      turns += conv.getJsonArray("turns").size();
      feedback += conv.getJsonArray("feedback").size();
      for (Object t : conv.getJsonArray("turns")) {
        JsonObject turn = (JsonObject) t;
        Row r = sql.pool().preparedQuery("SELECT user_text, explanation, results FROM turns WHERE conversation_id = $1 AND turn = $2")
            .execute(Tuple.of(conv.getString("conversationId"), turn.getInteger("turn"))).await().iterator().next();
        assertEquals(r.getString(0), turn.getString("userText"));
        assertEquals(r.getString(1), turn.getString("explanation"));
        assertEquals(r.getJsonArray(2), turn.getJsonArray("results"));
      }
    }
    assertEquals(count("SELECT count(*) FROM turns t JOIN conversations c ON c.id = t.conversation_id WHERE c.shopper_id = $1", shopperId), turns);
    assertEquals(4, turns);
    assertEquals(count("SELECT count(*) FROM feedback WHERE conversation_id IN (SELECT id FROM conversations WHERE shopper_id = $1)", shopperId), feedback);
    assertEquals(1, feedback);
    assertEquals(sql.pool().preparedQuery("SELECT profile FROM shoppers WHERE id = $1").execute(Tuple.of(shopperId)).await()
        .iterator().next().getJsonObject(0), export.getJsonObject("profile"));
    assertEquals(1, export.getJsonArray("tokens").size());

    // When the shopper deletes their data
    Reply deleted = call(HttpMethod.DELETE, "/api/me", token);
    assertEquals(200, deleted.status(), deleted.body().toString());
    assertEquals(2, deleted.json().getInteger("conversations"));

    // Then nothing about them is left in the database, and the token no longer opens anything
    assertEquals(0, count("SELECT count(*) FROM shoppers WHERE id = $1", shopperId));
    assertEquals(0, count("SELECT count(*) FROM shopper_tokens WHERE shopper_id = $1", shopperId));
    assertEquals(0, count("SELECT count(*) FROM conversations WHERE id = $1 OR id = $2 OR shopper_id = $3", firstId, secondId, shopperId));
    assertEquals(0, count("SELECT count(*) FROM turns WHERE conversation_id = $1 OR conversation_id = $2", firstId, secondId));
    assertEquals(0, count("SELECT count(*) FROM feedback WHERE conversation_id = $1 OR conversation_id = $2", firstId, secondId));
    assertEquals(401, call(HttpMethod.GET, "/api/me", token).status());
    // nor in memory: the live conversation is gone, and the old token gets a fresh identity
    try (ChatClient c = new ChatClient(vertx, app.port())) {
      c.send(new JsonObject().put("type", "message").put("text", "espresso machine").put("conversationId", firstId)
          .put("resumeToken", "anything"));
      JsonObject error = c.expect("error");
      assertEquals("unknown_conversation", error.getString("code"), error.encode());
    }
    try (ChatClient c = new ChatClient(vertx, app.port())) {
      c.send(message("espresso machine", token));
      JsonObject conversation = c.expect("conversation");
      assertNotNull(conversation.getString("shopperToken"));
      assertFalse(conversation.getString("shopperToken").equals(token));
      JsonArray items = null;
      for (JsonObject e : c.untilDone()) if ("results".equals(e.getString("type"))) items = e.getJsonArray("items");
      assertTrue(items.stream().map(JsonObject.class::cast).allMatch(i -> i.getJsonArray("contributions").stream()
          .map(JsonObject.class::cast).noneMatch(x -> x.getString("feature").startsWith("profile_"))), items.encode());
    }
  }

  @Test
  void should_forget_the_preferences_but_keep_the_conversations_when_asked_to_clear_the_profile() {
    String token;
    try (ChatClient c = new ChatClient(vertx, app.port())) {
      c.send(message("red dress under $60", null));
      token = c.expect("conversation").getString("shopperToken");
      c.untilDone();
    }
    JsonObject me = call(HttpMethod.GET, "/api/me", token).json();
    assertTrue(me.containsKey("priceBand"), me.encode());
    assertEquals(60.0, me.getJsonObject("priceBand").getDouble("high"), 1e-9);
    assertEquals(200, call(HttpMethod.DELETE, "/api/me/profile", token).status());
    JsonObject after = call(HttpMethod.GET, "/api/me", token).json();
    assertTrue(after.getJsonArray("preferences").isEmpty(), after.encode());
    assertFalse(after.containsKey("priceBand"));
    assertEquals(1, after.getJsonArray("conversations").size());
  }

  @Test
  void should_identify_a_shops_customer_by_a_keyed_hash_of_their_id_across_devices() {
    String customer = "shop-customer-" + System.nanoTime();
    String first;
    String second;
    try (ChatClient c = new ChatClient(vertx, app.port())) {
      c.send(message("espresso machine", null).put("customerId", customer));
      first = c.expect("conversation").getString("shopperToken");
      c.untilDone();
    }
    try (ChatClient c = new ChatClient(vertx, app.port())) {
      c.send(message("espresso machine", null).put("customerId", customer));
      second = c.expect("conversation").getString("shopperToken");
      c.untilDone();
    }
    // two devices, two tokens, one shopper; the customer id itself is stored nowhere
    assertFalse(first.equals(second));
    JsonObject a = call(HttpMethod.GET, "/api/me", first).json();
    JsonObject b = call(HttpMethod.GET, "/api/me", second).json();
    assertEquals(2, a.getJsonArray("conversations").size());
    assertEquals(a.getJsonArray("conversations"), b.getJsonArray("conversations"));
    assertEquals(0, count("SELECT count(*) FROM shoppers WHERE customer_hash = $1", customer));
    assertEquals(1, count("SELECT count(*) FROM shoppers WHERE customer_hash IS NOT NULL AND id IN "
        + "(SELECT shopper_id FROM shopper_tokens WHERE token_hash = $1)", LiveConversations.resumeTokenHash(first)));
  }
}
