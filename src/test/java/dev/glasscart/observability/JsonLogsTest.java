package dev.glasscart.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glasscart.explanation.GroundingReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The JSON log lines: their members, the turn record's fields, and a stream that stalls. */
final class JsonLogsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> lines(ByteArrayOutputStream out) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) if (!l.isBlank()) nodes.add(JSON.readTree(l));
    return nodes;
  }

  @Test
  void a_turn_is_one_json_line_with_its_turn_id_and_an_error_carries_its_stack() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonLogs handler = new JsonLogs(out);
    Logger turns = TurnLog.LOG;
    turns.addHandler(handler);
    Logger other = Logger.getLogger("dev.glasscart.test.json");
    other.setUseParentHandlers(false);
    other.addHandler(handler);
    try {
      new TurnLog().done(new ChatMetrics.TurnDone("c-0123456789ab.2", "search", "ollama:m", 12, -1, 40, false, true,
          "first_token_timeout", new GroundingReport(3, 1, 5, 4, List.of("a withheld sentence"))));
      other.log(Level.WARNING, "value {0} rejected", "x\"y");
      other.log(Level.SEVERE, "it broke", new IllegalStateException("boom"));
    } finally {
      turns.removeHandler(handler);
      other.removeHandler(handler);
      handler.close();
    }
    List<JsonNode> lines = lines(out);
    assertEquals(3, lines.size(), out.toString(StandardCharsets.UTF_8));
    JsonNode turn = lines.get(0);
    assertEquals("c-0123456789ab.2", turn.get("turnId").asText());
    assertEquals("turn c-0123456789ab.2 done", turn.get("message").asText());
    assertEquals("INFO", turn.get("level").asText());
    assertEquals("dev.glasscart.turn", turn.get("logger").asText());
    assertEquals("search", turn.get("intent").asText());
    assertEquals(12, turn.get("resultsMs").asInt());
    assertTrue(turn.get("firstTokenMs").isNull(), "no first token: null");
    assertEquals("first_token_timeout", turn.get("fallback").asText());
    assertEquals(1, turn.get("sentencesWithheld").asInt());
    assertEquals(5, turn.get("groundingClaims").asInt());
    assertFalse(turn.has("a withheld sentence"), "no model or shopper text in the record");
    assertTrue(turn.get("time").asText().endsWith("Z"), "UTC ISO-8601: " + turn.get("time"));

    assertEquals("value x\"y rejected", lines.get(1).get("message").asText(), "parameters are substituted, quotes escaped");
    JsonNode error = lines.get(2).get("error");
    assertEquals(IllegalStateException.class.getName(), error.get("type").asText());
    assertEquals("boom", error.get("message").asText());
    assertTrue(error.get("stack").asText().contains("JsonLogsTest"), "the stack trace");
  }

  @Test
  void a_stalled_stream_never_blocks_the_logging_thread_and_the_drop_is_reported() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream stalled = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        sink.write(b, off, len);
      }
    };
    JsonLogs handler = new JsonLogs(stalled);
    int lines = JsonLogs.QUEUE_LINES + 500;
    long started = System.nanoTime();
    for (int i = 0; i < lines; i++) {
      LogRecord r = new LogRecord(Level.INFO, "line " + i);
      r.setLoggerName("dev.glasscart.test.stall");
      handler.publish(r);
    }
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(handler.dropped() >= 500 - 1, "lines beyond the queue are dropped, not waited for: " + handler.dropped());
    assertTrue(tookMs < 20_000, "publishing returned while the stream was stalled (" + tookMs + " ms)");
    release.countDown();
    handler.close();
    String written = sink.toString(StandardCharsets.UTF_8);
    assertTrue(written.contains("log lines were dropped"), "the drop is reported in the log itself");
    assertTrue(written.contains("\"line 0\""));
  }
}
