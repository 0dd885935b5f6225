package dev.glasscart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.AppConfig;
import dev.glasscart.Glasscart;
import dev.glasscart.testing.FakeOllama;
import dev.glasscart.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} after real WebSocket turns against a server whose explainer is an in-test
 * Ollama: one turn the model answers with a sentence the grounding guard withholds, one where it
 * says nothing and the built-in explainer takes over, one question about the shown products. The
 * scrape, parsed as Prometheus text, shows those turns in the latency histograms, by intent and
 * explainer, the fallback with its reason, the grounding counts, the open socket, and the catalog
 * and indexing gauges; with JSON logs on, each turn's log record carries the turn id the agent
 * API gives the console.
 */
final class MetricsEndpointTest {
  private static final String MODEL = "test-model";
  private static FakeOllama ollama;
  private static Glasscart app;
  private static Vertx client;
  private static final List<LogRecord> turnLog = new CopyOnWriteArrayList<>();
  private static final Handler CAPTURE = new Handler() {
    @Override
    public void publish(LogRecord r) {
      turnLog.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeAll
  static void start() throws Exception {
    ollama = new FakeOllama();
    AppConfig config = TestApp.config(TestApp.freshDataDir("metrics"))
        .toBuilder().ollama(ollama.url(), MODEL)
        .timeouts(new AppConfig.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(20),
            AppConfig.Timeouts.DEFAULTS.request(), AppConfig.Timeouts.DEFAULTS.proposal()))
        .logFormat(AppConfig.LogFormat.JSON).build();
    Logger.getLogger("dev.glasscart.turn").addHandler(CAPTURE);
    app = TestApp.start(config);
    client = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    Logger.getLogger("dev.glasscart.turn").removeHandler(CAPTURE);
    if (client != null) client.close().await();
    if (app != null) app.close();
    if (ollama != null) ollama.close();
  }

  private static List<String> words(String text) {
    return List.of(text.split("(?<= )"));
  }

  @Test
  void a_scrape_after_a_few_turns_shows_them() throws Exception {
    Map<String, Double> before = scrape();
    String conversationId;
    try (ChatClient chat = new ChatClient(client, app.port())) {
      // 1: the model's second sentence invents a warranty: withheld
      ollama.script(words("Here are a few options that fit what you asked for. Each one comes with a lifetime warranty. "),
          FakeOllama.Ending.FINISH, 2);
      chat.message("noise cancelling headphones");
      conversationId = chat.expect("conversation").getString("conversationId");
      JsonObject first = chat.untilDone().getLast();
      assertTrue(first.getJsonObject("grounding").getInteger("sentencesDropped") >= 1, first.encode());
      // 2: the model says nothing: the built-in explainer takes over after the first-token timeout
      ollama.script(List.of(), FakeOllama.Ending.STALL, 2);
      chat.message("only black ones");
      JsonObject second = chat.untilDone().getLast();
      assertEquals("first_token_timeout", second.getString("fallback"), second.encode());
      // 3: why the first one
      ollama.script(words("It fits what you asked for. "), FakeOllama.Ending.FINISH, 2);
      chat.message("why the first one?");
      JsonObject third = chat.untilDone().getLast();
      assertEquals("ollama:" + MODEL, third.getString("explainer"));

      Map<String, Double> m = scrape();
      assertEquals(1.0, m.get("vertx_http_server_active_ws_connections"), "the chat socket is open");

      assertEquals(3.0, delta(before, m, "glasscart_turn_results_seconds_count"));
      assertEquals(3.0, delta(before, m, "glasscart_turn_done_seconds_count"));
      assertEquals(3.0, delta(before, m, "glasscart_turn_first_token_seconds_count"), "every turn streamed a first token");
      assertEquals(3.0, m.get("glasscart_turn_done_seconds_bucket{le=\"+Inf\"}") - before.getOrDefault("glasscart_turn_done_seconds_bucket{le=\"+Inf\"}", 0.0));
      assertTrue(m.get("glasscart_turn_done_seconds_sum") >= 2.0, "the fallback turn waited out the 2 s first-token timeout");
      // the histogram's buckets are cumulative and end at the count
      assertTrue(m.get("glasscart_turn_results_seconds_bucket{le=\"0.005\"}") <= m.get("glasscart_turn_results_seconds_bucket{le=\"60.0\"}"));

      String ollamaTag = "explainer=\"ollama:" + MODEL + "\"";
      assertEquals(1.0, delta(before, m, "glasscart_turns_total{" + ollamaTag + ",intent=\"search\"}"));
      assertEquals(1.0, delta(before, m, "glasscart_turns_total{explainer=\"builtin\",intent=\"search\"}"), "the fallback turn counts as builtin");
      assertEquals(1.0, delta(before, m, "glasscart_turns_total{" + ollamaTag + ",intent=\"why\"}"));
      assertEquals(1.0, delta(before, m, "glasscart_explainer_fallbacks_total{reason=\"first_token_timeout\"}"));

      JsonObject g1 = first.getJsonObject("grounding");
      JsonObject g3 = third.getJsonObject("grounding");
      assertEquals((double) g1.getInteger("sentencesDropped") + g3.getInteger("sentencesDropped"),
          delta(before, m, "glasscart_grounding_sentences_withheld_total"));
      assertEquals((double) g1.getInteger("claims") + g3.getInteger("claims") + groundingOf(second, "claims"),
          delta(before, m, "glasscart_grounding_claims_checked_total"));
      assertEquals((double) g1.getInteger("sentencesChecked") + g3.getInteger("sentencesChecked") + groundingOf(second, "sentencesChecked"),
          delta(before, m, "glasscart_grounding_sentences_checked_total"));
      assertEquals(0.0, delta(before, m, "glasscart_turns_unsaved_total"));
      assertEquals(0.0, delta(before, m, "glasscart_database_retries_total"), "the database answered every time");
    }

    // the client's close reaches the server a moment later
    Map<String, Double> after = scrape();
    for (long end = System.nanoTime() + 10_000_000_000L; after.get("vertx_http_server_active_ws_connections") > 0
        && System.nanoTime() < end; after = scrape()) {
      Thread.sleep(100);
    }
    assertEquals(0.0, after.get("vertx_http_server_active_ws_connections"), "closed sockets are not counted");
    assertEquals((double) app.catalogSize(), after.get("glasscart_catalog_products"));
    assertEquals((double) app.catalogSize(), after.get("glasscart_catalog_import_rows_total{result=\"accepted\"}"), "the demo import");
    assertEquals(0.0, after.get("glasscart_catalog_import_rows_total{result=\"rejected\"}"));
    assertEquals(1.0, after.get("glasscart_indexing_finished"), "the embeddings are built");
    assertEquals(0.0, after.get("glasscart_indexing_failed"));
    assertEquals(after.get("glasscart_indexing_texts{state=\"total\"}"), after.get("glasscart_indexing_texts{state=\"done\"}"));
    assertEquals(2.0 * app.catalogSize(), after.get("glasscart_indexing_texts{state=\"total\"}"), "product texts and titles");
    assertTrue(after.keySet().stream().anyMatch(k -> k.startsWith("jvm_memory_used_bytes")), "the JVM's meters are there too");

    // each turn's JSON log record carries the turn id that the agent console shows
    JsonArray turns = ChatSocketTestSupport.transcript(client, app.port(), conversationId).getJsonArray("turns");
    List<String> consoleIds = new ArrayList<>();
    for (int i = 0; i < turns.size(); i++) consoleIds.add(turns.getJsonObject(i).getString("turnId"));
    assertEquals(3, consoleIds.size());
    List<String> loggedIds = new ArrayList<>();
    for (LogRecord r : turnLog) {
      if (r.getLevel() == Level.INFO && r.getParameters()[0] instanceof Map<?, ?> fields && consoleIds.contains(fields.get("turnId"))) {
        loggedIds.add((String) fields.get("turnId"));
        assertEquals("turn_done", fields.get("event"));
      }
    }
    assertEquals(consoleIds, loggedIds, "one log record per turn, in order, with the console's turn id");
    assertTrue(consoleIds.getFirst().matches("c-[0-9a-f]{12}\\.1"), consoleIds.getFirst());
    assertTrue(!consoleIds.getFirst().contains(conversationId), "logs never carry the conversation id itself");
  }

  private static double groundingOf(JsonObject done, String field) {
    JsonObject g = done.getJsonObject("grounding");
    return g == null ? 0 : g.getInteger(field);
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
    Double now = after.get(series);
    assertTrue(now != null, "the scrape has " + series + "; it has " + after.keySet().stream().filter(k -> k.startsWith("glasscart")).sorted().toList());
    return now - before.getOrDefault(series, 0.0);
  }

  /** The scrape as series (name and labels as written, e.g. {@code x_total{a="b"}}) to value; checks the content type. */
  private static Map<String, Double> scrape() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/metrics")).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"), r.headers().toString());
    Map<String, Double> series = new HashMap<>();
    Pattern line = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");
    for (String l : r.body().split("\n")) {
      if (l.startsWith("#") || l.isBlank()) continue;
      Matcher m = line.matcher(l);
      assertTrue(m.matches(), "a Prometheus sample line: " + l);
      series.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
    }
    return series;
  }
}
