package dev.glasscart.server;

import dev.glasscart.testing.TestApp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.Glasscart;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chat protocol of docs/protocol.md against the real server, database and indexes. */
final class ChatSocketTest {
  private static Glasscart app;
  private static Vertx client;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.config(TestApp.freshDataDir("chat")));
    client = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (client != null) client.close().await();
    if (app != null) app.close();
  }

  private static ChatClient connect() {
    return new ChatClient(client, app.port());
  }

  @Test
  void should_stream_a_turn_in_protocol_order_and_persist_it_before_done() {
    try (ChatClient chat = connect()) {
      // Given a new connection, When the shopper asks for boots under a budget
      chat.message("waterproof hiking boots under $120");

      // Then the events come in protocol order
      JsonObject conversation = chat.expect("conversation");
      String id = conversation.getString("conversationId");
      assertNotNull(id);
      assertFalse(conversation.getBoolean("resumed"));

      JsonObject understanding = chat.expect("understanding");
      assertEquals(1, understanding.getInteger("turn"));
      JsonObject cap = constraint(understanding, "price_max");
      assertEquals(120.0, Double.parseDouble(cap.getString("value")));
      assertEquals(1, cap.getInteger("turn"));

      JsonObject results = chat.expect("results");
      JsonArray items = results.getJsonArray("items");
      assertFalse(items.isEmpty(), "boots under $120 exist in the demo catalog");
      for (int i = 0; i < items.size(); i++) {
        JsonObject item = items.getJsonObject(i);
        assertEquals(i + 1, item.getInteger("rank"));
        assertTrue(item.getDouble("price") <= 120.0, () -> "over budget: " + item.encode());
        double sum = item.getJsonArray("contributions").stream().mapToDouble(c -> ((JsonObject) c).getDouble("value")).sum();
        assertEquals(item.getDouble("score"), sum, 1e-6, "contributions add up to the score");
      }

      List<JsonObject> rest = chat.untilDone();
      List<JsonObject> tokens = rest.stream().filter(e -> e.getString("type").equals("token")).toList();
      // streamed as token events; the built-in explainer's words come at once, so they arrive joined in few events
      assertFalse(tokens.isEmpty(), "the explanation is streamed as token events");
      String text = tokens.stream().map(t -> t.getString("text")).collect(Collectors.joining());
      assertTrue(text.contains(items.getJsonObject(0).getString("title")), "the answer names the top product: " + text);
      JsonObject done = rest.get(rest.size() - 1);
      assertEquals(1, done.getInteger("turn"));
      assertEquals("builtin", done.getString("explainer"));
      assertFalse(done.getBoolean("cancelled"));
      JsonObject timings = done.getJsonObject("timings");
      assertTrue(timings.getLong("resultsMs") >= 0 && timings.getLong("totalMs") >= timings.getLong("resultsMs"));

      // And the turn was stored before done: the transcript holds exactly what was streamed
      JsonObject transcript = agentGet("/api/conversations/" + id);
      JsonObject turn = transcript.getJsonArray("turns").getJsonObject(0);
      assertEquals("waterproof hiking boots under $120", turn.getString("userText"));
      assertEquals(text, turn.getString("explanation"));
      assertEquals(items, turn.getJsonArray("results"));
      assertEquals("builtin", turn.getString("explainer"));
    }
  }

  @Test
  void should_close_with_1009_on_a_single_frame_over_the_wire_limit() throws Exception {
    try (ChatClient chat = connect()) {
      chat.sendFrame(WebSocketFrame.textFrame("{\"type\":\"message\",\"text\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}", true));
      long until = System.nanoTime() + 10_000_000_000L;
      while (!chat.isClosed() && System.nanoTime() < until) Thread.sleep(20);
      assertTrue(chat.isClosed(), "the socket closes");
      assertEquals((short) 1009, chat.closeStatus(), "with 1009 (message too big), not a dropped connection");
    }
  }

  @Test
  void should_keep_earlier_constraints_when_refining() {
    try (ChatClient chat = connect()) {
      chat.message("waterproof hiking boots under $120");
      chat.untilDone();
      chat.message("only brown");
      JsonObject understanding = chat.expect("understanding");
      assertEquals(2, understanding.getInteger("turn"));
      assertEquals(1, constraint(understanding, "price_max").getInteger("turn"), "the cap from turn 1 is still in force");
      JsonObject colour = understanding.getJsonArray("constraints").stream().map(c -> (JsonObject) c)
          .filter(c -> c.getString("field").equals("colour")).findFirst().orElseThrow();
      assertEquals("brown", colour.getString("value"));
      assertEquals(2, colour.getInteger("turn"));
      JsonArray items = chat.expect("results").getJsonArray("items");
      assertFalse(items.isEmpty());
      for (Object o : items) {
        JsonObject item = (JsonObject) o;
        assertTrue(item.getDouble("price") <= 120.0);
        assertTrue(item.getString("title").toLowerCase().contains("brown"), () -> "not brown: " + item.getString("title"));
      }
      chat.untilDone();

      // "compare the top two" sends the facts side by side as a structured event too
      chat.message("compare the top two");
      assertEquals("compare", chat.expect("understanding").getString("intent"));
      JsonArray compared = chat.expect("results").getJsonArray("items");
      assertEquals(List.of(items.getJsonObject(0).getString("productId"), items.getJsonObject(1).getString("productId")),
          compared.stream().map(i -> ((JsonObject) i).getString("productId")).toList());
      JsonObject comparison = chat.expect("comparison");
      JsonObject priceRow = comparison.getJsonArray("rows").stream().map(r -> (JsonObject) r)
          .filter(r -> r.getString("field").equals("price")).findFirst().orElseThrow();
      assertEquals(new JsonArray().add(items.getJsonObject(0).getDouble("price")).add(items.getJsonObject(1).getDouble("price")),
          priceRow.getJsonArray("values"));
      chat.untilDone();
    }
  }

  @Test
  void should_answer_each_bad_frame_with_an_error_and_stay_usable() {
    try (ChatClient chat = connect()) {
      chat.sendRaw("this is not json");
      assertEquals("bad_json", chat.expect("error").getString("code"));
      chat.sendRaw("[1,2,3]");
      assertEquals("bad_json", chat.expect("error").getString("code"));
      chat.send(new JsonObject().put("type", "dance"));
      assertEquals("unknown_type", chat.expect("error").getString("code"));
      chat.send(new JsonObject().put("text", "no type"));
      assertEquals("unknown_type", chat.expect("error").getString("code"));
      chat.send(new JsonObject().put("type", "message"));
      assertEquals("empty_text", chat.expect("error").getString("code"));
      chat.send(new JsonObject().put("type", "message").put("text", "   "));
      assertEquals("empty_text", chat.expect("error").getString("code"));
      chat.send(new JsonObject().put("type", "message").put("text", 42));
      assertEquals("empty_text", chat.expect("error").getString("code"));
      chat.send(new JsonObject().put("type", "message").put("text", "a".repeat(Protocol.MAX_TEXT_CHARS + 1)));
      assertEquals("text_too_long", chat.expect("error").getString("code"));
      chat.send(new JsonObject().put("type", "message").put("text", "boots").put("pad", "x".repeat(20_000)));
      assertEquals("frame_too_large", chat.expect("error").getString("code"));
      // a large message split into fragments is refused the same way, without holding it
      chat.sendFrame(WebSocketFrame.textFrame("{\"type\":\"message\",\"text\":\"" + "y".repeat(10_000), false));
      chat.sendFrame(WebSocketFrame.continuationFrame(Buffer.buffer("z".repeat(10_000) + "\"}"), true));
      assertEquals("frame_too_large", chat.expect("error").getString("code"));
      chat.sendBinary(new byte[] {1, 2, 3});
      assertEquals("binary_not_supported", chat.expect("error").getString("code"));
      chat.send(new JsonObject().put("type", "cancel"));
      assertEquals("nothing_to_cancel", chat.expect("error").getString("code"));
      chat.send(new JsonObject().put("type", "message").put("text", "boots").put("conversationId", "no-such-conversation"));
      assertEquals("unknown_conversation", chat.expect("error").getString("code"));
      chat.send(new JsonObject().put("type", "feedback").put("turn", 1).put("helpful", true));
      assertEquals("no_conversation", chat.expect("error").getString("code"));

      // the connection is still usable
      chat.message("a laptop");
      chat.expect("conversation");
      assertEquals(1, chat.expect("understanding").getInteger("turn"));
      chat.expect("results");
      JsonObject done = chat.untilDone().getLast();
      assertEquals("done", done.getString("type"));
      assertFalse(chat.isClosed());
    }
  }

  @Test
  void should_refuse_control_characters_at_once_and_keep_the_conversation_usable() {
    try (ChatClient chat = connect()) {
      // Given a shopper message holding U+0000 (which PostgreSQL cannot store) or another control character
      long start = System.nanoTime();
      chat.message("boots\u0000 under $100");
      JsonObject refused = chat.expect("error");
      // Then it is refused at once, naming the character, before anything reaches the database
      assertEquals("control_characters", refused.getString("code"));
      assertTrue(refused.getString("message").contains("U+0000 at position 5"), refused.encode());
      assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused without retrying a store");
      chat.message("red\u001b[31m dress");
      assertEquals("control_characters", chat.expect("error").getString("code"));

      // and the connection goes on: the next message is answered and saved
      chat.message("a backpack\tfor travel");
      String id = chat.expect("conversation").getString("conversationId");
      List<JsonObject> events = chat.untilDone();
      assertTrue(events.getLast().getBoolean("saved"), events.getLast().encode());
      // a feedback reason and a removed constraint are held to the same rule
      chat.send(new JsonObject().put("type", "feedback").put("turn", 1).put("helpful", false).put("reason", "bad\u0000"));
      assertEquals("control_characters", chat.expect("error").getString("code"));
      chat.send(new JsonObject().put("type", "remove_constraint")
          .put("constraint", new JsonObject().put("kind", "brand").put("field", "").put("value", "Nike\u0000")));
      assertEquals("control_characters", chat.expect("error").getString("code"));
      JsonObject transcript = ChatSocketTestSupport.transcript(client, app.port(), id);
      assertEquals(1, transcript.getJsonArray("turns").size());
      assertEquals("a backpack\tfor travel", transcript.getJsonArray("turns").getJsonObject(0).getString("userText"));
    }
  }

  @Test
  void should_rerun_the_turn_without_a_removed_constraint() {
    try (ChatClient chat = connect()) {
      chat.message("running shoes under $60");
      chat.expect("conversation");
      JsonObject cap = constraint(chat.expect("understanding"), "price_max");
      chat.untilDone();

      chat.send(new JsonObject().put("type", "remove_constraint").put("constraint", cap));
      JsonObject understanding = chat.expect("understanding");
      assertEquals(2, understanding.getInteger("turn"));
      assertTrue(understanding.getJsonArray("constraints").stream()
          .noneMatch(c -> ((JsonObject) c).getString("kind").equals("price_max")), "the cap is gone");
      JsonArray items = chat.expect("results").getJsonArray("items");
      assertTrue(items.stream().anyMatch(i -> ((JsonObject) i).getDouble("price") > 60), "pricier shoes are back");
      chat.untilDone();

      chat.send(new JsonObject().put("type", "remove_constraint").put("constraint", "price"));
      assertEquals("bad_constraint", chat.expect("error").getString("code"));
    }
  }

  @Test
  void should_store_feedback_with_the_judged_products_features() {
    try (ChatClient chat = connect()) {
      chat.message("noise cancelling headphones");
      String id = chat.expect("conversation").getString("conversationId");
      chat.expect("understanding");
      JsonObject top = chat.expect("results").getJsonArray("items").getJsonObject(0);
      chat.untilDone();

      chat.send(new JsonObject().put("type", "feedback").put("turn", 1).put("productId", top.getString("productId"))
          .put("helpful", false).put("reason", "this reason is wrong: title_match"));
      assertEquals(1, chat.expect("feedback_saved").getInteger("turn"));
      chat.send(new JsonObject().put("type", "feedback").put("turn", 7).put("helpful", true));
      assertEquals("bad_feedback", chat.expect("error").getString("code"));

      JsonArray feedback = agentGet("/api/conversations/" + id).getJsonArray("feedback");
      assertEquals(1, feedback.size());
      JsonObject f = feedback.getJsonObject(0);
      assertFalse(f.getBoolean("helpful"));
      assertEquals(top.getString("productId"), f.getString("productId"));
      assertEquals(top.getJsonArray("contributions"),
          f.getJsonObject("features").getJsonObject(top.getString("productId")).getJsonArray("contributions"));
      JsonArray trust = agentGet("/api/metrics/trust").getJsonArray("items");
      assertTrue(trust.stream().anyMatch(r -> ((JsonObject) r).getString("explainer").equals("builtin")
          && ((JsonObject) r).getLong("total") >= 1));
    }
  }

  @Test
  void should_honour_a_cancel_sent_while_the_conversation_is_still_opening() {
    try (ChatClient chat = connect()) {
      // Given a first message immediately followed by cancel (the conversation is still opening)
      chat.message("a warm winter jacket");
      chat.send(new JsonObject().put("type", "cancel"));
      chat.expect("conversation");
      chat.expect("understanding");
      chat.expect("results");
      // Then the turn ends cancelled, with no explanation streamed, and the socket stays usable
      List<JsonObject> rest = chat.untilDone();
      assertEquals(1, rest.size(), "no tokens after a cancel: " + rest);
      assertTrue(rest.getFirst().getBoolean("cancelled"));
      chat.message("something cheaper");
      chat.expect("understanding");
      chat.expect("results");
      assertFalse(chat.untilDone().getLast().getBoolean("cancelled"));
    }
  }

  @Test
  void should_accept_feedback_for_an_earlier_conversation_right_after_a_reconnect() {
    String id;
    String token;
    try (ChatClient first = connect()) {
      first.message("a backpack for hiking");
      JsonObject started = first.expect("conversation");
      id = started.getString("conversationId");
      token = started.getString("resumeToken");
      first.untilDone();
    }
    try (ChatClient again = connect()) {
      again.send(new JsonObject().put("type", "feedback").put("conversationId", id).put("resumeToken", token)
          .put("turn", 1).put("helpful", true));
      JsonObject resumed = again.expect("conversation");
      assertEquals(id, resumed.getString("conversationId"));
      assertFalse(resumed.containsKey("resumeToken"), "a resumed conversation's token is never sent again");
      assertEquals(1, again.expect("feedback_saved").getInteger("turn"));
      // the socket is now bound to that conversation: another id is refused
      again.send(new JsonObject().put("type", "feedback").put("conversationId", "nope").put("turn", 1).put("helpful", true));
      assertEquals("not_your_conversation", again.expect("error").getString("code"));
    }
  }

  @Test
  void should_give_each_new_conversation_a_random_resume_token_and_resume_only_with_it() {
    String id;
    String token;
    try (ChatClient first = connect(); ChatClient second = connect()) {
      first.message("a backpack for hiking");
      JsonObject started = first.expect("conversation");
      id = started.getString("conversationId");
      token = started.getString("resumeToken");
      first.untilDone();
      second.message("a laptop");
      String otherToken = second.expect("conversation").getString("resumeToken");
      second.untilDone();
      // 192 random bits, base64url: 32 characters, different for every conversation
      assertTrue(token.matches("[A-Za-z0-9_-]{32}"), token);
      assertFalse(token.equals(otherToken));
    }
    try (ChatClient thief = connect()) {
      // When a message names the conversation without its token, or with a wrong one
      thief.send(new JsonObject().put("type", "message").put("text", "boots").put("conversationId", id));
      JsonObject refused = thief.expect("error");
      thief.send(new JsonObject().put("type", "message").put("text", "boots").put("conversationId", id)
          .put("resumeToken", token.substring(1) + "A"));
      JsonObject wrong = thief.expect("error");
      thief.send(new JsonObject().put("type", "remove_constraint").put("conversationId", id).put("resumeToken", "guess")
          .put("constraint", new JsonObject().put("kind", "category").put("field", "category").put("value", "backpacks")));
      JsonObject removal = thief.expect("error");

      // Then each is refused and nothing of that conversation is shown
      assertEquals("not_your_conversation", refused.getString("code"));
      assertEquals("not_your_conversation", wrong.getString("code"));
      assertEquals("not_your_conversation", removal.getString("code"));
    }
    try (ChatClient owner = connect()) {
      // And with the right token the shopper continues at turn 2
      owner.send(new JsonObject().put("type", "message").put("text", "cheaper").put("conversationId", id).put("resumeToken", token));
      JsonObject resumed = owner.expect("conversation");
      assertTrue(resumed.getBoolean("resumed"));
      assertEquals(2, owner.expect("understanding").getInteger("turn"));
      owner.untilDone();
    }
    JsonArray turns = agentGet("/api/conversations/" + id).getJsonArray("turns");
    assertEquals(List.of("a backpack for hiking", "cheaper"), turns.stream().map(t -> ((JsonObject) t).getString("userText")).toList());
  }

  @Test
  void should_refuse_feedback_and_removals_naming_another_conversation_without_switching_the_socket() {
    try (ChatClient other = connect(); ChatClient chat = connect()) {
      // Given another shopper's conversation with one turn
      other.message("a backpack for hiking");
      JsonObject othersConversation = other.expect("conversation");
      String otherId = othersConversation.getString("conversationId");
      other.untilDone();
      // And this socket's own conversation with one turn
      chat.message("a laptop");
      String ownId = chat.expect("conversation").getString("conversationId");
      chat.untilDone();

      // When a second turn starts and, while it runs, feedback names the other conversation (even with its token)
      chat.message("not Apple");
      chat.send(new JsonObject().put("type", "feedback").put("conversationId", otherId)
          .put("resumeToken", othersConversation.getString("resumeToken")).put("turn", 1).put("helpful", true));
      boolean done = false;
      boolean refused = false;
      while (!done || !refused) {
        JsonObject e = chat.next();
        if ("error".equals(e.getString("type"))) {
          assertEquals("not_your_conversation", e.getString("code"), e::encode);
          refused = true;
        }
        assertFalse("feedback_saved".equals(e.getString("type")), "feedback for another conversation was saved");
        if ("done".equals(e.getString("type"))) {
          done = true;
          assertEquals(2, e.getInteger("turn"));
          assertTrue(e.getBoolean("saved"));
        }
      }
      // And a removal naming the other conversation is refused too
      chat.send(new JsonObject().put("type", "remove_constraint").put("conversationId", otherId)
          .put("constraint", new JsonObject().put("kind", "category").put("field", "category").put("value", "backpacks")));
      assertEquals("not_your_conversation", chat.expect("error").getString("code"));
      // And the socket still answers in its own conversation
      chat.message("cheaper");
      assertEquals(3, chat.expect("understanding").getInteger("turn"));
      chat.untilDone();

      // Then the turns are stored in the conversation they were asked in, and the other one is untouched
      JsonArray own = agentGet("/api/conversations/" + ownId).getJsonArray("turns");
      assertEquals(List.of("a laptop", "not Apple", "cheaper"),
          own.stream().map(t -> ((JsonObject) t).getString("userText")).toList());
      JsonObject others = agentGet("/api/conversations/" + otherId);
      assertEquals(List.of("a backpack for hiking"),
          others.getJsonArray("turns").stream().map(t -> ((JsonObject) t).getString("userText")).toList());
      assertTrue(others.getJsonArray("feedback").isEmpty(), others.encode());
    }
  }

  @Test
  void should_keep_serving_others_while_one_shopper_stops_reading() {
    try (ChatClient slow = connect(); ChatClient fast = connect()) {
      // Given a shopper whose client stops reading right after asking
      slow.pauseReading();
      slow.message("waterproof hiking boots under $120");
      // Then another shopper's turns still complete, one after another
      for (String text : List.of("a laptop", "not Apple", "why the first one?")) {
        fast.message(text);
        List<JsonObject> events = fast.untilDone();
        assertFalse(events.getLast().getBoolean("cancelled"));
      }
      // And the slow one gets everything, in order, once it reads again
      slow.resumeReading();
      slow.expect("conversation");
      slow.expect("understanding");
      slow.expect("results");
      assertEquals("done", slow.untilDone().getLast().getString("type"));
    }
  }

  private static JsonObject constraint(JsonObject understanding, String kind) {
    return understanding.getJsonArray("constraints").stream().map(c -> (JsonObject) c)
        .filter(c -> c.getString("kind").equals(kind)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " constraint in " + understanding.encode()));
  }

  static JsonObject agentGet(String path) {
    return ChatSocketTestSupport.agentGet(client, app.port(), path);
  }

}
