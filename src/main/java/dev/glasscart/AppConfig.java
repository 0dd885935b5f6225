package dev.glasscart;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

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
    AppConfig c = defaults(Path.of("data"));
    String host = c.host;
    int port = c.port;
    Path dataDir = c.dataDir;
    Path catalog = null;
    String dbUrl = env.get("DATABASE_URL");
    String ollamaUrl = env.get("OLLAMA_BASE_URL");
    String ollamaModel = env.get("OLLAMA_MODEL");
    String token = env.get("GLASSCART_AGENT_TOKEN");
    String device = env.getOrDefault("GLASSCART_DEVICE", "auto");
    Path web = c.webRoot;
    Path prompts = c.promptsDir;
    Path models = c.modelsDir;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (a) {
        case "--port" -> port = parseInt(a, need(a, v));
        case "--host" -> host = need(a, v);
        case "--data-dir" -> dataDir = Path.of(need(a, v));
        case "--catalog" -> catalog = Path.of(need(a, v));
        case "--database-url" -> dbUrl = need(a, v);
        case "--ollama-url" -> ollamaUrl = need(a, v);
        case "--ollama-model" -> ollamaModel = need(a, v);
        case "--device" -> device = need(a, v);
        case "--web-root" -> web = Path.of(need(a, v));
        case "--prompts" -> prompts = Path.of(need(a, v));
        case "--models" -> models = Path.of(need(a, v));
        default -> throw new IllegalArgumentException("unknown option '" + a + "' (serve takes --port, --host, --data-dir, --catalog, --database-url, --ollama-url, --ollama-model, --device, --web-root, --prompts, --models)");
      }
      i++;
    }
    return new AppConfig(host, port, dataDir, catalog, dbUrl, ollamaUrl, ollamaModel, token, device, web, prompts, models,
        c.firstTokenTimeout, c.answerTimeout);
  }

  private static String need(String flag, String v) {
    if (v == null || v.startsWith("--")) throw new IllegalArgumentException("option " + flag + " needs a value");
    return v;
  }

  private static int parseInt(String flag, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option " + flag + " needs a number, got '" + v + "'");
    }
  }
}
