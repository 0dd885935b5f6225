package dev.glasscart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.AppConfig;
import dev.glasscart.Glasscart;
import dev.glasscart.testing.TestApp;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An ONNX encoder dropped into {@code <models>/encoder/} replaces the bundled one at start. */
final class EncoderDropInTest {

  @Test
  void should_serve_with_the_encoder_found_in_the_models_directory() throws Exception {
    // Given a models dir holding an encoder (the bundled model's files, with its own settings)
    Path dataDir = TestApp.freshDataDir("encoder");
    Path encoder = Files.createDirectories(dataDir.resolve("models").resolve(Glasscart.ENCODER_DIR));
    copy("/all-minilm-l6-v2-q.onnx", encoder.resolve("model.onnx"));
    copy("/all-minilm-l6-v2-q-tokenizer.json", encoder.resolve("tokenizer.json"));
    Files.writeString(encoder.resolve("glasscart-encoder.json"), "{\"pooling\": \"mean\", \"maxLength\": 64}");
    AppConfig config = AppConfig.parse(new String[] {"--port", "0", "--data-dir", dataDir.toString(),
        "--models", dataDir.resolve("models").toString()}, Map.of("GLASSCART_AGENT_TOKEN", TestApp.AGENT_TOKEN));

    // When the server starts, Then it embeds with that encoder and answers
    Vertx vertx = Vertx.vertx();
    try (Glasscart app = TestApp.start(config); ChatClient chat = new ChatClient(vertx, app.port())) {
      assertTrue(app.encoderName().startsWith("encoder@") && app.encoderName().endsWith("/64"), app.encoderName());
      chat.message("a rain jacket");
      chat.expect("conversation");
      chat.expect("understanding");
      assertFalse(chat.expect("results").getJsonArray("items").isEmpty());
      assertEquals("done", chat.untilDone().getLast().getString("type"));
    } finally {
      vertx.close().await();
    }
  }

  private static void copy(String resource, Path to) throws Exception {
    try (InputStream in = EncoderDropInTest.class.getResourceAsStream(resource)) {
      Files.copy(in, to);
    }
  }
}
