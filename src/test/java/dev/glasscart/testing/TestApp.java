package dev.glasscart.testing;

import dev.glasscart.AppConfig;
import dev.glasscart.Glasscart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the whole application the way {@code ./glasscart serve} does (embedded PostgreSQL, demo
 * catalog, Lucene, ONNX embeddings, built-in explainer) on a random port with a data dir under
 * target/. Blocking; for test set-up only.
 */
public final class TestApp {
  public static final String AGENT_TOKEN = "test-agent-token-0123456789";

  private static final java.time.Duration INDEXING_WAIT = java.time.Duration.ofMinutes(5);

  private TestApp() {}

  public static Path freshDataDir(String name) {
    try {
      Path root = Path.of("target", "test-data");
      Files.createDirectories(root);
      return Files.createTempDirectory(root, name + "-").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a test data dir", e);
    }
  }

  public static AppConfig config(Path dataDir) {
    return AppConfig.builder(dataDir).port(0).agentToken(AGENT_TOKEN).build();
  }

  /** Starts the app and waits for its embeddings, so tests see hybrid retrieval from the first turn. */
  public static Glasscart start(AppConfig config) {
    try {
      Glasscart app = Glasscart.start(config);
      if (!app.awaitIndexed(INDEXING_WAIT)) {
        app.close();
        throw new IllegalStateException("embeddings not built within " + INDEXING_WAIT);
      }
      return app;
    } catch (Exception e) {
      throw new IllegalStateException("test app did not start: " + e.getMessage(), e);
    }
  }
}
