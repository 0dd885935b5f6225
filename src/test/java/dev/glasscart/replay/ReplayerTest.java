package dev.glasscart.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the replayer treats server errors, silence and hang-ups, over a real WebSocket to a scripted
 * server (the real one is exercised in {@link ReplayEndToEndTest}; it cannot be made to fail on cue).
 * The script: "boom" answers an internal error, "late" an error followed at once by that
 * turn's {@code done}, "hang" answers nothing, "bye" closes the socket, "show A B" a turn whose
 * results are the products with ids A and B, anything else a minimal well-formed turn.
 */
final class ReplayerTest {
  private static Vertx vertx;
  private static HttpServer server;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().webSocketHandler(ReplayerTest::script).listen(0).await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static void script(ServerWebSocket ws) {
    int[] turn = {0};
    ws.textMessageHandler(text -> {
      String user = new JsonObject(text).getString("text");
      switch (user) {
        case "boom" -> ws.writeTextMessage(new JsonObject().put("type", "error").put("code", "internal").put("message", "boom").encode());
        case "late" -> {
          int n = ++turn[0];
          ws.writeTextMessage(new JsonObject().put("type", "understanding").put("turn", n).put("constraints", new JsonArray()).encode());
          ws.writeTextMessage(new JsonObject().put("type", "error").put("code", "internal").put("message", "late").put("turn", n).encode());
          vertx.setTimer(1, id -> ws.writeTextMessage(new JsonObject().put("type", "done").put("turn", n).put("explainer", "builtin").encode()));
        }
        case "hang" -> { }
        case "bye" -> ws.close();
        default -> {
          int n = ++turn[0];
          JsonArray items = new JsonArray();
          if (user.startsWith("show ")) {
            for (String id : user.substring(5).split(" ")) items.add(new JsonObject().put("rank", items.size() + 1).put("productId", id).put("title", id));
          }
          ws.writeTextMessage(new JsonObject().put("type", "understanding").put("turn", n).put("constraints", new JsonArray()).encode());
          ws.writeTextMessage(new JsonObject().put("type", "results").put("turn", n).put("items", items).encode());
          ws.writeTextMessage(new JsonObject().put("type", "token").put("turn", n).put("text", "No match for " + user).encode());
          ws.writeTextMessage(new JsonObject().put("type", "done").put("turn", n).put("explainer", "builtin").encode());
        }
      }
    });
  }

  private static List<TurnVerdict> replay(URI url, String... users) {
    List<Transcript.Turn> turns = java.util.Arrays.stream(users)
        .map(u -> new Transcript.Turn(u, List.of(new TextMatch("textIncludes", List.of("no match"))))).toList();
    return new Replayer(vertx, url, Duration.ofSeconds(1)).run(new Transcript("t", Path.of("t.json"), turns), v -> { });
  }

  private static URI url() {
    return URI.create("ws://localhost:" + server.actualPort() + "/ws/chat");
  }

  @Test
  void should_fail_a_turn_on_an_error_event_and_go_on() {
    List<TurnVerdict> v = replay(url(), "boots", "boom", "shoes");
    assertEquals(List.of(true, false, true), v.stream().map(TurnVerdict::passed).toList());
    assertEquals(List.of("error internal: boom"), v.get(1).failures());
  }

  @Test
  void should_not_let_a_late_done_of_a_failed_turn_end_the_next_one() {
    // Given a turn that fails with an error whose done arrives afterwards, When the next turn is sent at once
    List<TurnVerdict> v = replay(url(), "late", "shoes", "boots");
    // Then the stale done is skipped and the next turns see their own events
    assertEquals(List.of("error internal: late"), v.get(0).failures());
    assertTrue(v.get(1).passed(), v.get(1).line());
    assertTrue(v.get(1).events().text().contains("shoes"), v.get(1).events().text());
    assertTrue(v.get(2).passed() && v.get(2).events().text().contains("boots"), v.get(2).line());
  }

  @Test
  void should_check_results_from_previous_against_the_turn_played_before() {
    // Given a transcript whose every turn promises to stay on the previous turn's results
    List<Transcript.Turn> turns = java.util.stream.Stream.of("show a b c", "show c a", "show a d", "boots", "show a")
        .map(u -> new Transcript.Turn(u, List.<Expectation>of(new ResultsFromPrevious()))).toList();
    List<TurnVerdict> v = new Replayer(vertx, url(), Duration.ofSeconds(1)).run(new Transcript("t", Path.of("t.json"), turns), x -> { });
    // Then the first turn has nothing to compare with, a subset passes, a new product fails by name,
    // no results pass vacuously, and a product after an empty turn was not shown
    assertEquals(List.of("resultsFromPrevious on the first turn: there is no previous turn"), v.get(0).failures());
    assertTrue(v.get(1).passed(), v.get(1).line());
    assertEquals(List.of("#2 d \"d\" was not among the previous turn's 2 results"), v.get(2).failures());
    assertTrue(v.get(3).passed(), v.get(3).line());
    assertEquals(List.of("#1 a \"a\" was not among the previous turn's 0 results"), v.get(4).failures());
  }

  @Test
  void should_fail_on_silence_and_skip_the_rest_of_the_transcript() {
    List<TurnVerdict> v = replay(url(), "boots", "hang", "shoes");
    assertTrue(v.get(0).passed());
    assertTrue(v.get(1).failures().getFirst().startsWith("no done within 1 s (timeout"), v.get(1).failures().toString());
    assertTrue(v.get(2).failures().getFirst().startsWith("not run: turn 2 no done within 1 s"), v.get(2).failures().toString());
  }

  @Test
  void should_fail_when_the_server_hangs_up() {
    List<TurnVerdict> v = replay(url(), "bye", "shoes");
    assertEquals(List.of("the server closed the connection"), v.get(0).failures());
    assertEquals(List.of("not run: turn 1 the server closed the connection"), v.get(1).failures());
  }

  @Test
  void should_fail_every_turn_when_nothing_listens() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<TurnVerdict> v = replay(URI.create("ws://localhost:" + port + "/ws/chat"), "boots", "shoes");
    assertEquals(2, v.size());
    for (TurnVerdict verdict : v) {
      assertTrue(verdict.failures().getFirst().startsWith("not run: could not connect to ws://localhost:" + port), verdict.line());
    }
  }
}
