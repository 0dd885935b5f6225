package dev.glasscart;

import dev.glasscart.config.Flags;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * @param allowedOrigins the pages ({@code scheme://host[:port]}) whose scripts may open the chat
 *     WebSocket; empty allows any (the widget embeds in any shop by default)
 * @param logFormat {@code text} (the JDK's console lines) or {@code json} (one JSON object per
 *     line on standard error, with a record per finished turn carrying its turn id)
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
    Duration answerTimeout,
    List<String> allowedOrigins,
    String logFormat) {

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
    logFormat = logFormat == null ? "text" : logFormat;
    if (!logFormat.equals("text") && !logFormat.equals("json")) {
      throw new IllegalArgumentException("illegal log format '" + logFormat + "', must be text or json");
    }
    allowedOrigins = List.copyOf(allowedOrigins == null ? List.of() : allowedOrigins);
    for (String o : allowedOrigins) {
      if (!o.matches("https?://[^/\\s]+")) {
        throw new IllegalArgumentException("illegal origin '" + o + "', must look like https://shop.example or http://localhost:8080");
      }
    }
  }

  /** Defaults for a data dir: port 8080, embedded database, demo catalog, built-in explainer. */
  public static AppConfig defaults(Path dataDir) {
    return new AppConfig("0.0.0.0", 8080, dataDir, null, null, null, null, null, "auto",
        Path.of("web-ui"), Path.of("prompts"), Path.of("models"), Duration.ofSeconds(10), Duration.ofSeconds(60), List.of(), "text");
  }

  /** Whether logs are JSON lines ({@code --log-format json}). */
  public boolean jsonLogs() {
    return logFormat.equals("json");
  }

  public boolean ollamaConfigured() {
    return ollamaUrl != null && ollamaModel != null;
  }

  public AppConfig withPort(int p) {
    return new AppConfig(host, p, dataDir, catalogFile, databaseUrl, ollamaUrl, ollamaModel, agentToken, device, webRoot, promptsDir, modelsDir, firstTokenTimeout, answerTimeout, allowedOrigins, logFormat);
  }

  public AppConfig withHost(String h) {
    return new AppConfig(h, port, dataDir, catalogFile, databaseUrl, ollamaUrl, ollamaModel, agentToken, device, webRoot, promptsDir, modelsDir, firstTokenTimeout, answerTimeout, allowedOrigins, logFormat);
  }

  public AppConfig withCatalog(Path file) {
    return new AppConfig(host, port, dataDir, file, databaseUrl, ollamaUrl, ollamaModel, agentToken, device, webRoot, promptsDir, modelsDir, firstTokenTimeout, answerTimeout, allowedOrigins, logFormat);
  }

  public AppConfig withOllama(String url, String model, Duration firstToken, Duration answer) {
    return new AppConfig(host, port, dataDir, catalogFile, databaseUrl, url, model, agentToken, device, webRoot, promptsDir, modelsDir, firstToken, answer, allowedOrigins, logFormat);
  }

  public AppConfig withAgentToken(String token) {
    return new AppConfig(host, port, dataDir, catalogFile, databaseUrl, ollamaUrl, ollamaModel, token, device, webRoot, promptsDir, modelsDir, firstTokenTimeout, answerTimeout, allowedOrigins, logFormat);
  }

  public AppConfig withDatabaseUrl(String url) {
    return new AppConfig(host, port, dataDir, catalogFile, url, ollamaUrl, ollamaModel, agentToken, device, webRoot, promptsDir, modelsDir, firstTokenTimeout, answerTimeout, allowedOrigins, logFormat);
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
        c.firstTokenTimeout, c.answerTimeout,
        origins(f.string("--allowed-origins", env.get("GLASSCART_ALLOWED_ORIGINS"))),
        f.string("--log-format", env.getOrDefault("GLASSCART_LOG_FORMAT", c.logFormat)));
  }

  /** Which pages may open the chat socket: the given ones, others refused. */
  public AppConfig withAllowedOrigins(List<String> origins) {
    return new AppConfig(host, port, dataDir, catalogFile, databaseUrl, ollamaUrl, ollamaModel, agentToken, device, webRoot, promptsDir, modelsDir, firstTokenTimeout, answerTimeout, origins, logFormat);
  }

  /** Logs as {@code text} or {@code json}. */
  public AppConfig withLogFormat(String format) {
    return new AppConfig(host, port, dataDir, catalogFile, databaseUrl, ollamaUrl, ollamaModel, agentToken, device, webRoot, promptsDir, modelsDir, firstTokenTimeout, answerTimeout, allowedOrigins, format);
  }

  /** A comma-separated origin list; null or blank is the empty list (any origin). */
  static List<String> origins(String list) {
    if (list == null || list.isBlank()) return List.of();
    return java.util.Arrays.stream(list.split(",")).map(String::strip).filter(o -> !o.isEmpty())
        .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o).toList();
  }

  private static final Set<String> SERVE_FLAGS = Set.of("--port", "--host", "--data-dir", "--catalog", "--database-url",
      "--ollama-url", "--ollama-model", "--device", "--web-root", "--prompts", "--models", "--allowed-origins",
      "--log-format");
}
