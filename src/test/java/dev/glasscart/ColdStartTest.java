package dev.glasscart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.testing.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The server answers before the catalog's embeddings exist: BM25 serves, {@code /health} shows the
 * indexing, and dense retrieval joins when the embeddings are done.
 */
final class ColdStartTest {
  /** Features only dense retrieval and the title embeddings give. */
  private static final Set<String> EMBEDDING_FEATURES = Set.of("semantic", "meaning_rank", "title_semantic", "peer_similarity");

  @Test
  void should_answer_with_bm25_while_embedding_and_join_dense_retrieval_when_done() throws Exception {
    // Given a server on a fresh data dir whose embedding has not started yet
    try (Glasscart app = Glasscart.start(TestApp.config(TestApp.freshDataDir("cold")), false)) {
      HttpClient http = HttpClient.newHttpClient();

      // Then /health answers and says how far the indexing is
      JsonObject health = get(http, app.port(), "/health");
      JsonObject indexing = health.getJsonObject("indexing");
      assertNotNull(indexing, health.encode());
      assertEquals(0, indexing.getInteger("done"));
      assertEquals(2 * app.catalogSize(), indexing.getInteger("total"), "product texts and titles");
      assertEquals("bm25", indexing.getString("retrieval"));

      // And a shopper gets BM25 results, with no embedding evidence in them
      JsonArray before = firstResults(http, app.port(), "running shoes");
      assertFalse(before.isEmpty());
      assertEquals(Set.of(), features(before, EMBEDDING_FEATURES), before.encode());

      // When the embeddings are built
      app.startIndexing();
      assertTrue(app.awaitIndexed(Duration.ofMinutes(5)));

      // Then /health no longer shows indexing, and the same search now carries dense evidence
      JsonObject after = get(http, app.port(), "/health");
      assertFalse(after.containsKey("indexing"), after.encode());
      JsonArray joined = firstResults(http, app.port(), "running shoes");
      assertFalse(features(joined, EMBEDDING_FEATURES).isEmpty(), joined.encode());
    }
  }

  private static Set<String> features(JsonArray items, Set<String> of) {
    Set<String> out = new java.util.TreeSet<>();
    for (int i = 0; i < items.size(); i++) {
      JsonArray cs = items.getJsonObject(i).getJsonArray("contributions");
      for (int j = 0; j < cs.size(); j++) {
        String f = cs.getJsonObject(j).getString("feature");
        if (of.contains(f)) out.add(f);
      }
    }
    return out;
  }

  private static JsonObject get(HttpClient http, int port, String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  /** Sends one message on a new socket and returns the items of its {@code results} event. */
  private static JsonArray firstResults(HttpClient http, int port, String text) throws Exception {
    CompletableFuture<JsonArray> results = new CompletableFuture<>();
    WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat"),
        new WebSocket.Listener() {
          private final StringBuilder frame = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
              JsonObject e = new JsonObject(frame.toString());
              frame.setLength(0);
              if ("results".equals(e.getString("type"))) results.complete(e.getJsonArray("items"));
              if ("error".equals(e.getString("type"))) results.completeExceptionally(new AssertionError(e.encode()));
            }
            socket.request(1);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    try {
      ws.sendText(new JsonObject().put("type", "message").put("text", text).encode(), true).get(10, TimeUnit.SECONDS);
      return results.get(30, TimeUnit.SECONDS);
    } finally {
      ws.abort();
    }
  }
}
