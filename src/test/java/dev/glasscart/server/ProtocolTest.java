package dev.glasscart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class ProtocolTest {
  @Test
  void an_event_from_encoded_text_is_the_event_merged_from_the_object() {
    io.vertx.core.json.JsonObject body = new io.vertx.core.json.JsonObject().put("query", "red \"shoes\"")
        .put("constraints", new io.vertx.core.json.JsonArray().add(new io.vertx.core.json.JsonObject().put("kind", "brand")))
        .put("page", 0).putNull("chat");
    for (io.vertx.core.json.JsonObject b : java.util.List.of(body, new io.vertx.core.json.JsonObject())) {
      String text = Protocol.eventText("understanding", 7, b.encode());
      assertEquals(Protocol.event("understanding").put("turn", 7).mergeIn(b), new io.vertx.core.json.JsonObject(text));
    }
    assertThrowsIllegal(() -> Protocol.eventText("results", 1, "[1,2]"));
  }

  private static void assertThrowsIllegal(Runnable r) {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run);
  }


  @Test
  void should_tell_shoppers_only_the_fallback_reasons_code() {
    assertEquals("error", Protocol.publicFallback(
        "error: ollama at http://10.0.0.7:11434/api/chat answered 502: <html><body>Bad Gateway</body></html> (after 40 characters shown)"));
    assertEquals("first_token_timeout", Protocol.publicFallback("first_token_timeout"));
    assertEquals("stall_timeout", Protocol.publicFallback("stall_timeout (after 12 characters shown)"));
    assertEquals("error", Protocol.publicFallback("Connection refused: localhost/127.0.0.1:11434"));
    assertNull(Protocol.publicFallback(null));
  }

  @Test
  void should_document_every_error_code_it_can_send() throws Exception {
    String doc = Files.readString(Path.of("docs", "protocol.md"));
    for (Protocol.ErrorCode code : Protocol.ErrorCode.values()) {
      if (code.ordinal() >= Protocol.ErrorCode.BAD_REQUEST.ordinal()) continue; // HTTP codes follow the status
      assertTrue(doc.contains("| `" + code.wire() + "` |"), () -> "docs/protocol.md has no row for " + code.wire());
    }
    assertEquals("not_your_conversation", Protocol.ErrorCode.NOT_YOUR_CONVERSATION.wire());
    assertEquals("unavailable", Protocol.ErrorCode.forStatus(503).wire());
    assertEquals("internal", Protocol.ErrorCode.forStatus(502).wire());
  }

  @Test
  void should_give_each_fault_its_own_reference() {
    String a = Protocol.incident();
    String b = Protocol.incident();
    assertTrue(Pattern.matches("e-[0-9a-f]{1,12}", a), a);
    assertTrue(!a.equals(b), "two faults, two references");
  }
}
