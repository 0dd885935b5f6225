package dev.glasscart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

final class ProtocolTest {

  @Test
  void should_tell_shoppers_only_the_fallback_reasons_code() {
    assertEquals("error", Protocol.publicFallback(
        "error: ollama at http://10.0.0.7:11434/api/chat answered 502: <html><body>Bad Gateway</body></html> (after 40 characters shown)"));
    assertEquals("first_token_timeout", Protocol.publicFallback("first_token_timeout"));
    assertEquals("stall_timeout", Protocol.publicFallback("stall_timeout (after 12 characters shown)"));
    assertEquals("error", Protocol.publicFallback("Connection refused: localhost/127.0.0.1:11434"));
    assertNull(Protocol.publicFallback(null));
  }
}
