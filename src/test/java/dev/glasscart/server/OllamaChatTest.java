package dev.glasscart.server;

import dev.glasscart.testing.TestApp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.AppConfig;
import dev.glasscart.Glasscart;
import dev.glasscart.testing.FakeOllama;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The LLM path end to end: the server talks to an in-test HTTP server speaking Ollama's streaming
 * {@code /api/chat}. Grounded tokens reach the shopper as they arrive, invented facts do not,
 * cancel closes the upstream stream, and a stalled model hands over to the built-in explainer.
 */
final class OllamaChatTest {
  private static final String MODEL = "test-model";
  private static FakeOllama ollama;
  private static Glasscart app;
  private static Vertx client;

  @BeforeAll
  static void start() throws Exception {
    ollama = new FakeOllama();
    AppConfig config = TestApp.config(TestApp.freshDataDir("ollama"))
        .toBuilder().ollama(ollama.url(), MODEL)
        .timeouts(new AppConfig.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(20),
            AppConfig.Timeouts.DEFAULTS.request(), AppConfig.Timeouts.DEFAULTS.proposal()))
        .build();
    app = TestApp.start(config);
    client = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) client.close().await();
    if (app != null) app.close();
    if (ollama != null) ollama.close();
  }

  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.split("(?<= )")) out.add(w);
    return out;
  }

  private static String text(List<JsonObject> events) {
    return events.stream().filter(e -> e.getString("type").equals("token")).map(e -> e.getString("text"))
        .collect(Collectors.joining());
  }

  @Test
  void should_stream_the_models_grounded_answer_and_drop_invented_claims() {
    String faithful = "Here are a few options that fit what you asked for. ";
    String invented = "Every one of them comes with a lifetime warranty and free shipping. ";
    ollama.script(words(faithful + invented), FakeOllama.Ending.FINISH, 5);
    try (ChatClient chat = new ChatClient(client, app.port())) {
      chat.message("noise cancelling headphones");
      String id = chat.expect("conversation").getString("conversationId");
      chat.expect("understanding");
      String top = chat.expect("results").getJsonArray("items").getJsonObject(0).getString("title");
      List<JsonObject> events = chat.untilDone();
      JsonObject done = events.getLast();
      assertEquals("ollama:" + MODEL, done.getString("explainer"));
      String shown = text(events);
      assertTrue(shown.contains("Here are a few options"), shown);
      assertFalse(shown.contains("warranty"), "an invented warranty never reaches the shopper: " + shown);
      JsonObject grounding = done.getJsonObject("grounding");
      assertTrue(grounding.getInteger("sentencesDropped") >= 1, grounding.encode());

      // the model got this turn's evidence, and the agent sees the raw output and the verdicts
      String prompt = ollama.requests.getLast().encode();
      assertTrue(prompt.contains(MODEL) && prompt.contains(top.replace("\"", "\\\"")), "the prompt carries the shown products");
      JsonObject turn = ChatSocketTestSupport.transcript(client, app.port(), id).getJsonArray("turns").getJsonObject(0);
      JsonObject details = turn.getJsonObject("details");
      assertTrue(details.getString("rawModelOutput").contains("warranty"));
      JsonObject sent = details.getJsonObject("prompt");
      assertEquals(details.getString("promptVersion"), sent.getString("version"));
      var messages = ollama.requests.getLast().getJsonArray("messages");
      assertEquals(messages.getJsonObject(0).getString("content"), sent.getString("system"), "system prompt recorded as sent");
      assertEquals(messages.getJsonObject(1).getString("content"), sent.getString("user"), "user prompt recorded as sent");
      assertEquals(shown, turn.getString("explanation"));
    }
  }

  @Test
  void should_close_the_upstream_stream_when_the_shopper_cancels() throws Exception {
    ollama.script(words("Here are a few options that fit what you asked for. ".repeat(40)), FakeOllama.Ending.FINISH, 50);
    try (ChatClient chat = new ChatClient(client, app.port())) {
      CompletableFuture<Long> closed = ollama.nextClientClose();
      chat.message("a lightweight laptop");
      chat.expect("conversation");
      chat.expect("understanding");
      chat.expect("results");
      chat.expect("token");
      long cancelAt = System.nanoTime();
      chat.send(new JsonObject().put("type", "cancel"));
      List<JsonObject> rest = chat.untilDone();
      JsonObject done = rest.getLast();
      assertTrue(done.getBoolean("cancelled"));
      long closedAt = closed.get(5, TimeUnit.SECONDS);
      System.out.printf("upstream closed %d ms after cancel was sent%n", (closedAt - cancelAt) / 1_000_000);
      assertTrue(chat.drain(300).stream().noneMatch(e -> e.getString("type").equals("token")), "nothing after done");
    }
  }

  @Test
  void should_merge_the_models_constraint_proposals_that_the_catalog_supports() {
    // Given a model that reads a brand the rules cannot (no brand word in the message) and invents one
    ollama.proposal = "{\"constraints\": [{\"kind\": \"brand\", \"value\": \"salomon\"},"
        + " {\"kind\": \"brand\", \"value\": \"Acmeworks\"}]}";
    ollama.script(words("Here are a few options that fit what you asked for. "), FakeOllama.Ending.FINISH, 5);
    try (ChatClient chat = new ChatClient(client, app.port())) {
      int asked = ollama.proposalRequests.size();
      chat.message("hiking boots from the French brand with the quicklace");
      chat.expect("conversation");
      JsonObject understanding = chat.expect("understanding");
      // Then the proposal was asked for, the catalog's brand is in force (its spelling), the invented one is not
      assertEquals(asked + 1, ollama.proposalRequests.size());
      assertTrue(ollama.proposalRequests.getLast().encode().contains("quicklace"), "the model got the message");
      List<String> brands = understanding.getJsonArray("constraints").stream().map(c -> (JsonObject) c)
          .filter(c -> c.getString("kind").equals("brand")).map(c -> c.getString("value")).toList();
      assertEquals(List.of("Salomon"), brands);
      for (Object o : chat.expect("results").getJsonArray("items")) assertEquals("Salomon", ((JsonObject) o).getString("brand"));
      chat.untilDone();

      // And a malformed proposal leaves the rules' reading alone
      ollama.proposal = "{not json";
      chat.message("only under $150");
      JsonObject next = chat.expect("understanding");
      assertTrue(next.getJsonArray("constraints").stream().anyMatch(c -> ((JsonObject) c).getString("kind").equals("price_max")));
      chat.untilDone();
    } finally {
      ollama.proposal = "{\"constraints\": []}";
    }
  }

  @Test
  void should_hand_over_to_the_builtin_explainer_when_the_model_stalls() {
    ollama.script(List.of(), FakeOllama.Ending.STALL, 5);
    try (ChatClient chat = new ChatClient(client, app.port())) {
      chat.message("a coffee maker under $100");
      chat.expect("conversation");
      chat.expect("understanding");
      String top = chat.expect("results").getJsonArray("items").getJsonObject(0).getString("title");
      List<JsonObject> events = chat.untilDone();
      JsonObject done = events.getLast();
      assertEquals("builtin", done.getString("explainer"));
      assertTrue(done.getString("fallback").contains("first_token_timeout"), done.encode());
      assertTrue(text(events).contains(top), "the built-in explainer answered the whole turn");
    }
  }
}
