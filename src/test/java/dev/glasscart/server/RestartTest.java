package dev.glasscart.server;

import dev.glasscart.testing.TestApp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.AppConfig;
import dev.glasscart.Glasscart;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A restart on the same data dir loses nothing a shopper saw, and a conversation resumes. */
final class RestartTest {

  @Test
  void should_keep_turns_and_resume_the_conversation_after_a_restart() {
    Path dataDir = TestApp.freshDataDir("restart");
    AppConfig config = TestApp.config(dataDir);
    Vertx vertx = Vertx.vertx();
    try {
      // Given a conversation of two turns on a first server
      String id;
      String token;
      String firstAnswer;
      JsonArray firstResults;
      try (Glasscart first = TestApp.start(config); ChatClient chat = new ChatClient(vertx, first.port())) {
        chat.message("running shoes for women under $120");
        JsonObject started = chat.expect("conversation");
        id = started.getString("conversationId");
        token = started.getString("resumeToken");
        chat.expect("understanding");
        firstResults = chat.expect("results").getJsonArray("items");
        firstAnswer = tokens(chat.untilDone());
        chat.message("only Nike");
        chat.untilDone();
      }

      // When the server restarts on the same data dir
      try (Glasscart second = TestApp.start(config)) {
        // Then the transcript holds both turns exactly as shown
        JsonObject transcript = ChatSocketTestSupport.transcript(vertx, second.port(), id);
        JsonArray turns = transcript.getJsonArray("turns");
        assertEquals(2, turns.size());
        assertEquals(firstAnswer, turns.getJsonObject(0).getString("explanation"));
        assertEquals(firstResults, turns.getJsonObject(0).getJsonArray("results"));
        assertEquals("only Nike", turns.getJsonObject(1).getString("userText"));

        // And the shopper continues where they left off: turn 3, earlier constraints in force
        try (ChatClient chat = new ChatClient(vertx, second.port())) {
          chat.send(new JsonObject().put("type", "message").put("text", "not black").put("conversationId", id)
              .put("resumeToken", token));
          JsonObject conversation = chat.expect("conversation");
          assertEquals(id, conversation.getString("conversationId"));
          assertTrue(conversation.getBoolean("resumed"));
          JsonObject understanding = chat.expect("understanding");
          assertEquals(3, understanding.getInteger("turn"));
          List<String> kinds = understanding.getJsonArray("constraints").stream()
              .map(c -> ((JsonObject) c).getString("kind")).toList();
          assertTrue(kinds.containsAll(List.of("price_max", "brand", "not_attribute")), "constraints in force: " + kinds);
          for (Object o : chat.expect("results").getJsonArray("items")) {
            JsonObject item = (JsonObject) o;
            assertEquals("Nike", item.getString("brand"));
            assertTrue(item.getDouble("price") <= 120);
          }
          chat.untilDone();
        }
      }
    } finally {
      vertx.close().await();
    }
  }

  private static String tokens(List<JsonObject> events) {
    return events.stream().filter(e -> e.getString("type").equals("token")).map(e -> e.getString("text"))
        .collect(Collectors.joining());
  }


}
