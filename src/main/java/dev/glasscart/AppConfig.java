package dev.glasscart;

import dev.glasscart.config.Flags;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@code serve} is configured with, validated once. Flags win over environment
 * variables, which win over defaults.
 *
 * @param catalogFile a catalog to import at start instead of the demo one; null keeps what is
 *     stored (the demo catalog on a fresh data dir)
 * @param databaseUrl an external PostgreSQL; null runs an embedded one under the data dir
 * @param ollamaUrl Ollama's base URL; null (or no model) uses the built-in explainer only
 * @param agentToken bearer token for the agent endpoints; null generates a random one
 * @param device {@code auto}, {@code cpu} or {@code cuda} for ONNX inference
 */
public record AppConfig(
    String host,
    int port,
    Path dataDir,
    Path catalogFile,
    String databaseUrl,
    String ollamaUrl,
    String ollamaModel,
    String agentToken,
    String device,
    Path webRoot,
    Path promptsDir,
    Path modelsDir,
    Duration firstTokenTimeout,
    Duration answerTimeout) {

  public AppConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) throw new IllegalArgumentException("illegal port " + port + ", must be between 0 and 65535");
    Objects.requireNonNull(dataDir, "dataDir");
    if (!device.equals("auto") && !device.equals("cpu") && !device.equals("cuda")) {
      throw new IllegalArgumentException("illegal device '" + device + "', must be auto, cpu or cuda");
    }
    if (ollamaUrl != null && ollamaUrl.isBlank()) ollamaUrl = null;
    if (ollamaModel != null && ollamaModel.isBlank()) ollamaModel = null;
    if (agentToken != null && agentToken.isBlank()) agentToken = null;
    if (databaseUrl != null && databaseUrl.isBlank()) databaseUrl = null;
  }

  /** Defaults for a data dir: port 8080, embedded database, demo catalog, built-in explainer. */
  public static AppConfig defaults(Path dataDir) {
    return new AppConfig("0.0.0.0", 8080, dataDir, null, null, null, null, null, "auto",
        Path.of("web-ui"), Path.of("prompts"), Path.of("models"), Duration.ofSeconds(10), Duration.ofSeconds(60));
  }

  public boolean ollamaConfigured() {
    return ollamaUrl != null && ollamaModel != null;
  }

  public AppConfig withPort(int p) {
    return new AppConfig(host, p, dataDir, catalogFile, databaseUrl, ollamaUrl, ollamaModel, agentToken, device, webRoot, promptsDir, modelsDir, firstTokenTimeout, answerTimeout);
  }

  public AppConfig withHost(String h) {
    return new AppConfig(h, port, dataDir, catalogFile, databaseUrl, ollamaUrl, ollamaModel, agentToken, device, webRoot, promptsDir, modelsDir, firstTokenTimeout, answerTimeout);
  }

  public AppConfig withCatalog(Path file) {
    return new AppConfig(host, port, dataDir, file, databaseUrl, ollamaUrl, ollamaModel, agentToken, device, webRoot, promptsDir, modelsDir, firstTokenTimeout, answerTimeout);
  }

  public AppConfig withOllama(String url, String model, Duration firstToken, Duration answer) {
    return new AppConfig(host, port, dataDir, catalogFile, databaseUrl, url, model, agentToken, device, webRoot, promptsDir, modelsDir, firstToken, answer);
  }

  public AppConfig withAgentToken(String token) {
    return new AppConfig(host, port, dataDir, catalogFile, databaseUrl, ollamaUrl, ollamaModel, token, device, webRoot, promptsDir, modelsDir, firstTokenTimeout, answerTimeout);
  }

  public AppConfig withDatabaseUrl(String url) {
    return new AppConfig(host, port, dataDir, catalogFile, url, ollamaUrl, ollamaModel, agentToken, device, webRoot, promptsDir, modelsDir, firstTokenTimeout, answerTimeout);
  }

  /**
   * Parses {@code serve} flags over the environment. Unknown flags and bad values fail with an
   * IllegalArgumentException naming them.
   */
  public static AppConfig parse(String[] args, Map<String, String> env) {
    Flags f = Flags.parse(args, SERVE_FLAGS, Set.of(), false);
    AppConfig c = defaults(Path.of("data"));
    return new AppConfig(
        f.string("--host", c.host),
        f.integer("--port", c.port, 0, 65535),
        f.path("--data-dir", c.dataDir),
        f.path("--catalog", null),
        f.string("--database-url", env.get("DATABASE_URL")),
        f.string("--ollama-url", env.get("OLLAMA_BASE_URL")),
        f.string("--ollama-model", env.get("OLLAMA_MODEL")),
        env.get("GLASSCART_AGENT_TOKEN"),
        f.string("--device", env.getOrDefault("GLASSCART_DEVICE", c.device)),
        f.path("--web-root", c.webRoot),
        f.path("--prompts", c.promptsDir),
        f.path("--models", c.modelsDir),
        c.firstTokenTimeout, c.answerTimeout);
  }

  private static final Set<String> SERVE_FLAGS = Set.of("--port", "--host", "--data-dir", "--catalog", "--database-url",
      "--ollama-url", "--ollama-model", "--device", "--web-root", "--prompts", "--models");
}
