package dev.glasscart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.retrieval.engine.SearchEngine;
import dev.glasscart.config.Setting;
import dev.glasscart.retrieval.dense.ExecutionDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class AppConfigTest {
  private static final Map<String, String> ENV = Map.of(
      "DATABASE_URL", "postgresql://env/db",
      "OLLAMA_BASE_URL", "http://env:11434",
      "OLLAMA_MODEL", "env-model",
      "GLASSCART_AGENT_TOKEN", "env-token",
      "GLASSCART_DEVICE", "cpu");

  /** A value for every setting that differs from its default; a new setting needs one here. */
  private static final Map<Setting, String> SAMPLES = Map.ofEntries(
      Map.entry(AppConfig.PORT, "9090"), Map.entry(AppConfig.HOST, "127.0.0.1"), Map.entry(AppConfig.DATA_DIR, "d"),
      Map.entry(AppConfig.CATALOG, "c.csv"), Map.entry(AppConfig.DATABASE_URL, "postgresql://x/db"),
      Map.entry(AppConfig.OLLAMA_URL, "http://x:11434"), Map.entry(AppConfig.OLLAMA_MODEL, "x-model"),
      Map.entry(AppConfig.DEVICE, "cuda"), Map.entry(AppConfig.ALLOWED_ORIGINS, "https://shop.example"),
      Map.entry(AppConfig.MCP, "off"),
      Map.entry(AppConfig.AGENT_TOKEN, "a-token"), Map.entry(AppConfig.WEB_ROOT, "w"), Map.entry(AppConfig.PROMPTS, "p"),
      Map.entry(AppConfig.MODELS, "m"), Map.entry(AppConfig.FIRST_TOKEN_TIMEOUT, "2.5"),
      Map.entry(AppConfig.STALL_TIMEOUT, "4"), Map.entry(AppConfig.ANSWER_TIMEOUT, "90"),
      Map.entry(AppConfig.REQUEST_TIMEOUT, "45"), Map.entry(AppConfig.PROPOSAL_TIMEOUT, "1"),
      Map.entry(AppConfig.LOG_FORMAT, "json"), Map.entry(AppConfig.RETENTION_DAYS, "30"),
      Map.entry(SearchEngine.SEARCH_ENGINE, "solr"), Map.entry(SearchEngine.ENGINE_URL, "http://127.0.0.1:8984/solr"));

  @Test
  void should_map_every_serve_flag() {
    // Given every serve flag, over an environment that sets the same settings
    AppConfig c = AppConfig.parse(new String[] {
        "--port", "9090", "--host", "127.0.0.1", "--data-dir", "d", "--catalog", "c.csv",
        "--database-url", "postgresql://flag/db", "--ollama-url", "http://flag:11434", "--ollama-model", "flag-model",
        "--device", "cuda", "--mcp", "OFF", "--web-root", "w", "--prompts", "p", "--models", "m", "--first-token-timeout", "2.5",
        "--stall-timeout", "4", "--answer-timeout", "90", "--llm-request-timeout", "45", "--proposal-timeout", "1",
        "--log-format", "json", "--retention-days", "30"}, ENV);

    // Then each flag lands in its field and wins over the environment
    assertEquals(9090, c.server().port());
    assertEquals("127.0.0.1", c.server().host());
    assertEquals(Path.of("d"), c.files().dataDir());
    assertEquals(Path.of("c.csv"), c.catalogFile());
    assertEquals("postgresql://flag/db", c.databaseUrl());
    assertEquals(new AppConfig.Llm("http://flag:11434", "flag-model"), c.llm());
    assertEquals(ExecutionDevice.CUDA, c.device());
    assertEquals(false, c.server().mcp(), "on/off in any case");
    assertEquals(new AppConfig.Files(Path.of("d"), Path.of("w"), Path.of("p"), Path.of("m")), c.files());
    assertEquals(new AppConfig.Timeouts(Duration.ofMillis(2500), Duration.ofSeconds(4), Duration.ofSeconds(90),
        Duration.ofSeconds(45), Duration.ofSeconds(1)), c.timeouts());
    assertEquals(AppConfig.LogFormat.JSON, c.logFormat());
    assertEquals(30, c.retentionDays());
    assertEquals("env-token", c.server().agentToken(), "the token has no flag, only the environment");
  }

  @Test
  void should_read_every_setting_from_its_environment_variable_as_from_its_flag() {
    AppConfig defaults = AppConfig.parse(new String[0], Map.of());
    assertEquals(AppConfig.SETTINGS.size(), SAMPLES.size(), "a sample value for every setting");
    for (Setting s : AppConfig.SETTINGS) {
      String sample = SAMPLES.get(s);
      AppConfig fromEnv = AppConfig.parse(new String[0], Map.of(s.env(), sample));
      assertNotEquals(defaults, fromEnv, () -> s.env() + " changed nothing");
      if (s.flag() != null) {
        assertEquals(AppConfig.parse(new String[] {s.flag(), sample}, Map.of()), fromEnv, () -> s.env() + " differs from " + s.flag());
      }
    }
    assertEquals("GLASSCART_PORT", AppConfig.PORT.env());
    assertEquals("GLASSCART_FIRST_TOKEN_TIMEOUT", AppConfig.FIRST_TOKEN_TIMEOUT.env());
    assertEquals("DATABASE_URL", AppConfig.DATABASE_URL.env(), "the conventional name stays");
  }

  @Test
  void should_name_the_variable_a_bad_value_came_from() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AppConfig.parse(new String[0], Map.of("GLASSCART_PORT", "http")));
    assertEquals("environment variable GLASSCART_PORT needs an integer between 0 and 65535, got 'http'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> AppConfig.parse(new String[] {"--stall-timeout", "-1"}, Map.of()));
    assertTrue(e.getMessage().startsWith("option --stall-timeout needs a number between"), e.getMessage());
    assertNull(AppConfig.parse(new String[0], Map.of("DATABASE_URL", "  ")).databaseUrl(), "blank is unset");
    e = assertThrows(IllegalArgumentException.class, () -> AppConfig.parse(new String[0], Map.of("GLASSCART_MCP", "yes")));
    assertEquals("environment variable GLASSCART_MCP needs on or off, got 'yes'", e.getMessage());
  }

  @Test
  void should_document_every_setting_in_one_readme_table_written_from_the_definitions() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String begin = "<!-- settings: AppConfig.settingsTable() -->\n";
    int at = readme.indexOf(begin);
    assertTrue(at >= 0, "README has the settings table marker");
    String table = AppConfig.settingsTable();
    assertEquals(table, readme.substring(at + begin.length(), Math.min(readme.length(), at + begin.length() + table.length())),
        "README's settings table is AppConfig.settingsTable() (regenerate it)");
    for (Setting s : AppConfig.SETTINGS) assertTrue(table.contains("`" + s.env() + "`"), s.env());
  }

  @Test
  void should_take_the_environment_over_the_defaults() {
    // When no flags are given
    AppConfig c = AppConfig.parse(new String[0], ENV);

    // Then the environment variables fill their settings and the rest are the defaults
    AppConfig defaults = AppConfig.defaults(Path.of("data"));
    assertEquals(defaults.toBuilder().databaseUrl("postgresql://env/db").agentToken("env-token")
        .ollama("http://env:11434", "env-model").device(ExecutionDevice.CPU).build(), c);
  }

  @Test
  void should_keep_the_stall_timeout_its_own_setting() {
    AppConfig c = AppConfig.parse(new String[] {"--first-token-timeout", "20"}, Map.of());
    assertEquals(Duration.ofSeconds(20), c.timeouts().firstToken());
    assertEquals(AppConfig.Timeouts.DEFAULTS.stall(), c.timeouts().stall(), "the stall limit does not follow the first-token one");
    assertEquals(AppConfig.Timeouts.DEFAULTS.proposal(), c.timeouts().proposalLimit());
    assertEquals(Duration.ofSeconds(2), AppConfig.parse(new String[] {"--first-token-timeout", "2"}, Map.of())
        .timeouts().proposalLimit(), "a proposal never waits longer than the first token may");
  }

  @Test
  void should_parse_the_websocket_origin_allowlist_and_refuse_malformed_origins() {
    assertEquals(List.of(), AppConfig.parse(new String[0], Map.of()).server().allowedOrigins());
    assertEquals(List.of("https://shop.example", "http://localhost:8080"),
        AppConfig.parse(new String[] {"--allowed-origins", "https://shop.example/, http://localhost:8080"}, Map.of())
            .server().allowedOrigins());
    assertEquals(List.of("https://env.example"),
        AppConfig.parse(new String[0], Map.of("GLASSCART_ALLOWED_ORIGINS", "https://env.example")).server().allowedOrigins());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AppConfig.parse(new String[] {"--allowed-origins", "shop.example/path"}, Map.of()));
    assertTrue(e.getMessage().contains("illegal origin 'shop.example/path'"), e.getMessage());
  }

  @Test
  void should_use_the_defaults_with_an_empty_environment() {
    AppConfig c = AppConfig.parse(new String[0], Map.of());
    assertEquals(AppConfig.defaults(Path.of("data")), c);
    assertNull(c.databaseUrl());
    assertEquals(ExecutionDevice.AUTO, c.device());
    assertEquals(AppConfig.LogFormat.TEXT, c.logFormat());
  }

  @Test
  void should_reject_unknown_flags_and_bad_values_by_name() {
    assertTrue(message("--prot", "80").startsWith("unknown option --prot"));
    assertEquals("option --port needs an integer between 0 and 65535, got '70000'", message("--port", "70000"));
    assertEquals("option --host needs a value", message("--host"));
    assertEquals("illegal device 'tpu', must be auto, cpu or cuda", message("--device", "tpu"));
    assertEquals("illegal log format 'xml', must be text or json", message("--log-format", "xml"));
  }

  private static String message(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> AppConfig.parse(args, Map.of())).getMessage();
  }
}
