package dev.glasscart;

import dev.glasscart.config.Setting;
import dev.glasscart.config.Settings;
import dev.glasscart.retrieval.dense.ExecutionDevice;
import dev.glasscart.retrieval.engine.SearchEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@code serve} is configured with, as typed nested records, validated once. Built with
 * {@link #builder} (or {@link #toBuilder} to change a copy); read from flags over environment
 * variables over defaults by {@link #parse}, every setting defined once in {@link #SETTINGS}
 * (README's settings table is {@link #settingsTable()}).
 *
 * @param catalogFile a catalog to import at start instead of the demo one; null keeps what is
 *     stored (the demo catalog on a fresh data dir)
 * @param databaseUrl an external PostgreSQL; null runs an embedded one under the data dir
 * @param logFormat the JDK's console lines, or one JSON object per line on standard error with a
 *     record per finished turn carrying its turn id
 * @param retentionDays conversations not updated for this many days are deleted, at start and then
 *     daily; 0 keeps them
 * @param searchEngine where catalog search runs: in this process or on a search engine cluster
 */
public record AppConfig(Server server, Files files, Path catalogFile, String databaseUrl, Llm llm, Timeouts timeouts,
    ExecutionDevice device, LogFormat logFormat, int retentionDays, SearchEngine searchEngine) {

  /** How {@code serve} writes its logs ({@code --log-format}). */
  public enum LogFormat {
    TEXT, JSON;

    static LogFormat parse(String value) {
      if (value == null) return TEXT;
      return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "text" -> TEXT;
        case "json" -> JSON;
        default -> throw new IllegalArgumentException("illegal log format '" + value + "', must be text or json");
      };
    }
  }

  /**
   * The front door.
   *
   * @param agentToken bearer token for the agent endpoints; null generates a random one
   * @param allowedOrigins the pages ({@code scheme://host[:port]}) whose scripts may open the chat
   *     WebSocket; empty allows any (the widget embeds in any shop by default); the same list
   *     guards the MCP endpoint
   * @param mcp whether the read-only MCP server for agents answers at {@code /mcp}
   */
  public record Server(String host, int port, String agentToken, List<String> allowedOrigins, boolean mcp) {
    public Server {
      Objects.requireNonNull(host, "host");
      if (port < 0 || port > 65535) throw new IllegalArgumentException("illegal port " + port + ", must be between 0 and 65535");
      if (agentToken != null && agentToken.isBlank()) agentToken = null;
      allowedOrigins = List.copyOf(allowedOrigins == null ? List.of() : allowedOrigins);
      for (String o : allowedOrigins) {
        if (!o.matches("https?://[^/\\s]+")) {
          throw new IllegalArgumentException("illegal origin '" + o + "', must look like https://shop.example or http://localhost:8080");
        }
      }
    }
  }

  /** Where things live: the data dir (database, indexes, caches) and the shipped web UI, prompts and models. */
  public record Files(Path dataDir, Path webRoot, Path promptsDir, Path modelsDir) {
    public Files {
      Objects.requireNonNull(dataDir, "dataDir");
      Objects.requireNonNull(webRoot, "webRoot");
      Objects.requireNonNull(promptsDir, "promptsDir");
      Objects.requireNonNull(modelsDir, "modelsDir");
    }
  }

  /** The local LLM (Ollama): both set, or the built-in explainer only. */
  public record Llm(String url, String model) {
    public static final Llm NONE = new Llm(null, null);

    public Llm {
      if (url != null && url.isBlank()) url = null;
      if (model != null && model.isBlank()) model = null;
    }

    public boolean configured() {
      return url != null && model != null;
    }
  }

  /**
   * Every time limit of a turn, with its default in {@link #DEFAULTS} (and nowhere else).
   *
   * @param firstToken how long the LLM may take to its first token before the built-in explainer takes over
   * @param stall how long the LLM may pause between tokens once it streams
   * @param answer longest LLM answer, start to end
   * @param request one HTTP request to the LLM
   * @param proposal the LLM's constraint proposal for a message (it delays results; at most {@code firstToken})
   */
  public record Timeouts(Duration firstToken, Duration stall, Duration answer, Duration request, Duration proposal) {
    public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10),
        Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(3));

    public Timeouts {
      for (Duration d : new Duration[] {firstToken, stall, answer, request, proposal}) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("illegal timeout " + d + ", must be positive");
      }
    }

    /** The proposal's limit as applied: never longer than the first-token limit. */
    public Duration proposalLimit() {
      return proposal.compareTo(firstToken) < 0 ? proposal : firstToken;
    }
  }

  public AppConfig {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(files, "files");
    if (databaseUrl != null && databaseUrl.isBlank()) databaseUrl = null;
    llm = llm == null ? Llm.NONE : llm;
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(device, "device");
    logFormat = logFormat == null ? LogFormat.TEXT : logFormat;
    searchEngine = searchEngine == null ? SearchEngine.LUCENE : searchEngine;
    if (retentionDays < 0) throw new IllegalArgumentException("illegal --retention-days " + retentionDays + ", must be >= 0 (0 keeps conversations)");
  }

  /** Whether logs are JSON lines ({@code --log-format json}). */
  public boolean jsonLogs() {
    return logFormat == LogFormat.JSON;
  }

  /** Defaults for a data dir: port 8080, embedded database, demo catalog, built-in explainer. */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /** A builder holding this configuration, to change some of it. */
  public Builder toBuilder() {
    Builder b = new Builder(files.dataDir());
    b.host = server.host();
    b.port = server.port();
    b.agentToken = server.agentToken();
    b.allowedOrigins = server.allowedOrigins();
    b.mcp = server.mcp();
    b.webRoot = files.webRoot();
    b.promptsDir = files.promptsDir();
    b.modelsDir = files.modelsDir();
    b.catalogFile = catalogFile;
    b.databaseUrl = databaseUrl;
    b.llm = llm;
    b.timeouts = timeouts;
    b.device = device;
    b.logFormat = logFormat;
    b.retentionDays = retentionDays;
    b.searchEngine = searchEngine;
    return b;
  }

  /** The defaults for {@code dataDir} (see {@link #builder}). */
  public static AppConfig defaults(Path dataDir) {
    return builder(dataDir).build();
  }

  /** Builds an {@link AppConfig}; starts from the defaults. */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int port = 8080;
    private String agentToken;
    private List<String> allowedOrigins = List.of();
    private boolean mcp = true;
    private Path dataDir;
    private Path webRoot = Path.of("web-ui");
    private Path promptsDir = Path.of("prompts");
    private Path modelsDir = Path.of("models");
    private Path catalogFile;
    private String databaseUrl;
    private Llm llm = Llm.NONE;
    private Timeouts timeouts = Timeouts.DEFAULTS;
    private ExecutionDevice device = ExecutionDevice.AUTO;
    private LogFormat logFormat = LogFormat.TEXT;
    private int retentionDays;
    private SearchEngine searchEngine = SearchEngine.LUCENE;

    private Builder(Path dataDir) {
      this.dataDir = dataDir;
    }

    public Builder host(String v) { host = v; return this; }

    public Builder port(int v) { port = v; return this; }

    public Builder agentToken(String v) { agentToken = v; return this; }

    public Builder allowedOrigins(List<String> v) { allowedOrigins = v; return this; }

    public Builder mcp(boolean on) { mcp = on; return this; }

    public Builder dataDir(Path v) { dataDir = v; return this; }

    public Builder webRoot(Path v) { webRoot = v; return this; }

    public Builder promptsDir(Path v) { promptsDir = v; return this; }

    public Builder modelsDir(Path v) { modelsDir = v; return this; }

    public Builder catalogFile(Path v) { catalogFile = v; return this; }

    public Builder databaseUrl(String v) { databaseUrl = v; return this; }

    public Builder llm(Llm v) { llm = v; return this; }

    public Builder ollama(String url, String model) { llm = new Llm(url, model); return this; }

    public Builder timeouts(Timeouts v) { timeouts = v; return this; }

    public Builder device(ExecutionDevice v) { device = v; return this; }

    public Builder logFormat(LogFormat v) { logFormat = v; return this; }

    /** Deletes conversations not updated for {@code days} days (0 keeps them). */
    public Builder retentionDays(int days) { retentionDays = days; return this; }

    public Builder searchEngine(SearchEngine v) { searchEngine = v; return this; }

    public AppConfig build() {
      return new AppConfig(new Server(host, port, agentToken, allowedOrigins, mcp),
          new Files(dataDir, webRoot, promptsDir, modelsDir), catalogFile, databaseUrl, llm, timeouts, device, logFormat, retentionDays,
          searchEngine);
    }
  }

  // ---- settings: flags and environment variables, defined once ----

  private static final AppConfig DEFAULTS = defaults(Path.of("data"));
  private static final Timeouts T = Timeouts.DEFAULTS;
  private static final Duration MAX_TIMEOUT = Duration.ofHours(1);
  private static final Duration MIN_TIMEOUT = Duration.ofMillis(1);

  static final Setting PORT = Setting.of("--port", "" + DEFAULTS.server().port(), "HTTP and WebSocket port (0: any free one)");
  static final Setting HOST = Setting.of("--host", "`" + DEFAULTS.server().host() + "`", "address to listen on");
  static final Setting DATA_DIR = Setting.of("--data-dir", "`./" + DEFAULTS.files().dataDir() + "`",
      "PostgreSQL files (and `postgres.secret`, the generated password every database connection needs, mode 600), "
          + "Lucene index, embedding cache, ONNX native libraries");
  static final Setting CATALOG = Setting.of("--catalog", "demo catalog",
      "import this catalog file at start (JSON array, JSONL, CSV, dummyjson's `{\"products\":[...]}`, a Google Merchant "
          + "Center TSV or XML feed, or schema.org Product JSON-LD; [Catalog feeds](#catalog-feeds-and-live-updates)); bad rows "
          + "are logged with their line or index and skipped, the import is one transaction, skipped when the stored catalog "
          + "is already exactly the file's");
  static final Setting DATABASE_URL = Setting.of("--database-url", "embedded PostgreSQL 18",
      "`postgresql://user:pass@host:port/db`").fromEnv("DATABASE_URL");
  static final Setting OLLAMA_URL = Setting.of("--ollama-url", "unset: built-in explainer",
      "stream explanations from a local Ollama (with `--ollama-model`); on error or stall the built-in explainer takes over")
      .fromEnv("OLLAMA_BASE_URL");
  static final Setting OLLAMA_MODEL = Setting.of("--ollama-model", "unset", "the Ollama model").fromEnv("OLLAMA_MODEL");
  static final Setting DEVICE = Setting.of("--device", "`auto`",
      "ONNX inference on `cpu` or `cuda`; `auto` uses CUDA only when an NVIDIA device is present");
  static final Setting ALLOWED_ORIGINS = Setting.of("--allowed-origins", "any",
      "comma-separated pages (`https://shop.example`) allowed to open the chat WebSocket (and to call `/api/me` from their scripts); others get 403");
  static final Setting MCP = Setting.of("--mcp", DEFAULTS.server().mcp() ? "`on`" : "`off`",
      "`on` or `off`: the read-only MCP server for AI agents at `/mcp` (same origin allowlist); `off` removes the endpoint");
  static final Setting AGENT_TOKEN = Setting.envOnly("GLASSCART_AGENT_TOKEN", "random, printed once",
      "bearer token for the agent API and console; printed only when generated, never when it comes from the environment "
          + "(no flag: a flag would show in the process list)");
  static final Setting WEB_ROOT = Setting.of("--web-root", "`" + DEFAULTS.files().webRoot() + "`", "the widget and agent console files");
  static final Setting PROMPTS = Setting.of("--prompts", "`" + DEFAULTS.files().promptsDir() + "`", "prompt templates for the LLM");
  static final Setting MODELS = Setting.of("--models", "`" + DEFAULTS.files().modelsDir() + "`",
      "the ranker model (`ranker.json`) and an optional drop-in encoder (`encoder/`)");
  static final Setting FIRST_TOKEN_TIMEOUT = Setting.of("--first-token-timeout", Settings.seconds(T.firstToken()),
      "seconds the LLM may take to its first token before the built-in explainer answers");
  static final Setting STALL_TIMEOUT = Setting.of("--stall-timeout", Settings.seconds(T.stall()),
      "seconds the LLM may pause between tokens; then the built-in explainer continues the answer");
  static final Setting ANSWER_TIMEOUT = Setting.of("--answer-timeout", Settings.seconds(T.answer()),
      "seconds the whole LLM answer may take, request to last token");
  static final Setting REQUEST_TIMEOUT = Setting.of("--llm-request-timeout", Settings.seconds(T.request()),
      "seconds one HTTP request to Ollama may take");
  static final Setting PROPOSAL_TIMEOUT = Setting.of("--proposal-timeout", Settings.seconds(T.proposal()),
      "seconds the LLM may take to propose a message's constraints (it delays results; never more than the first-token timeout)");
  static final Setting LOG_FORMAT = Setting.of("--log-format", "`text`",
      "`json`: one JSON object per line on standard error, a record per finished turn with its `turnId` "
          + "(the agent console shows it); docs/deployment.md");
  static final Setting RETENTION_DAYS = Setting.of("--retention-days", "0 (keep)",
      "delete conversations (turns, feedback) not updated for N days, at start and then daily");

  /** Every {@code serve} setting, in the order the README table lists them. */
  public static final List<Setting> SETTINGS = List.of(PORT, HOST, DATA_DIR, CATALOG, DATABASE_URL, OLLAMA_URL,
      OLLAMA_MODEL, DEVICE, ALLOWED_ORIGINS, MCP, AGENT_TOKEN, WEB_ROOT, PROMPTS, MODELS, FIRST_TOKEN_TIMEOUT,
      STALL_TIMEOUT, ANSWER_TIMEOUT, REQUEST_TIMEOUT, PROPOSAL_TIMEOUT, LOG_FORMAT, RETENTION_DAYS,
      SearchEngine.SEARCH_ENGINE, SearchEngine.ENGINE_URL);

  /** README's settings table, written from {@link #SETTINGS}. */
  public static String settingsTable() {
    return Settings.markdownTable(SETTINGS);
  }

  /**
   * Parses {@code serve} flags over the environment. Unknown flags and bad values fail with an
   * IllegalArgumentException naming the flag or variable.
   */
  public static AppConfig parse(String[] args, Map<String, String> env) {
    Settings s = Settings.parse(args, env, SETTINGS);
    AppConfig d = DEFAULTS;
    return builder(s.path(DATA_DIR, d.files().dataDir()))
        .host(s.string(HOST, d.server().host()))
        .port(s.integer(PORT, d.server().port(), 0, 65535))
        .catalogFile(s.path(CATALOG, null))
        .databaseUrl(s.string(DATABASE_URL, null))
        .ollama(s.string(OLLAMA_URL, null), s.string(OLLAMA_MODEL, null))
        .agentToken(s.string(AGENT_TOKEN, null))
        .device(device(s.string(DEVICE, null)))
        .webRoot(s.path(WEB_ROOT, d.files().webRoot()))
        .promptsDir(s.path(PROMPTS, d.files().promptsDir()))
        .modelsDir(s.path(MODELS, d.files().modelsDir()))
        .timeouts(new Timeouts(
            s.seconds(FIRST_TOKEN_TIMEOUT, T.firstToken(), MIN_TIMEOUT, MAX_TIMEOUT),
            s.seconds(STALL_TIMEOUT, T.stall(), MIN_TIMEOUT, MAX_TIMEOUT),
            s.seconds(ANSWER_TIMEOUT, T.answer(), MIN_TIMEOUT, MAX_TIMEOUT),
            s.seconds(REQUEST_TIMEOUT, T.request(), MIN_TIMEOUT, MAX_TIMEOUT),
            s.seconds(PROPOSAL_TIMEOUT, T.proposal(), MIN_TIMEOUT, MAX_TIMEOUT)))
        .allowedOrigins(origins(s.string(ALLOWED_ORIGINS, null)))
        .mcp(s.onOff(MCP, d.server().mcp()))
        .logFormat(LogFormat.parse(s.string(LOG_FORMAT, null)))
        .retentionDays(s.integer(RETENTION_DAYS, d.retentionDays(), 0, 36_500))
        .searchEngine(SearchEngine.read(s))
        .build();
  }

  private static ExecutionDevice device(String value) {
    if (value == null) return DEFAULTS.device();
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "auto" -> ExecutionDevice.AUTO;
      case "cpu" -> ExecutionDevice.CPU;
      case "cuda" -> ExecutionDevice.CUDA;
      default -> throw new IllegalArgumentException("illegal device '" + value + "', must be auto, cpu or cuda");
    };
  }

  /** A comma-separated origin list; null or blank is the empty list (any origin). */
  static List<String> origins(String list) {
    if (list == null || list.isBlank()) return List.of();
    return java.util.Arrays.stream(list.split(",")).map(String::strip).filter(o -> !o.isEmpty())
        .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o).toList();
  }
}
