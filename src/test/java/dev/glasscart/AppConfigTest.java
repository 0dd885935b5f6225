package dev.glasscart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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

  @Test
  void should_map_every_serve_flag() {
    // Given every serve flag, over an environment that sets the same settings
    AppConfig c = AppConfig.parse(new String[] {
        "--port", "9090", "--host", "127.0.0.1", "--data-dir", "d", "--catalog", "c.csv",
        "--database-url", "postgresql://flag/db", "--ollama-url", "http://flag:11434", "--ollama-model", "flag-model",
        "--device", "cuda", "--web-root", "w", "--prompts", "p", "--models", "m"}, ENV);

    // Then each flag lands in its field and wins over the environment
    assertEquals(9090, c.port());
    assertEquals("127.0.0.1", c.host());
    assertEquals(Path.of("d"), c.dataDir());
    assertEquals(Path.of("c.csv"), c.catalogFile());
    assertEquals("postgresql://flag/db", c.databaseUrl());
    assertEquals("http://flag:11434", c.ollamaUrl());
    assertEquals("flag-model", c.ollamaModel());
    assertEquals("cuda", c.device());
    assertEquals(Path.of("w"), c.webRoot());
    assertEquals(Path.of("p"), c.promptsDir());
    assertEquals(Path.of("m"), c.modelsDir());
    assertEquals("env-token", c.agentToken(), "the token has no flag, only the environment");
  }

  @Test
  void should_take_the_environment_over_the_defaults() {
    // When no flags are given
    AppConfig c = AppConfig.parse(new String[0], ENV);

    // Then the environment variables fill their settings and the rest are the defaults
    AppConfig defaults = AppConfig.defaults(Path.of("data"));
    assertEquals("postgresql://env/db", c.databaseUrl());
    assertEquals("http://env:11434", c.ollamaUrl());
    assertEquals("env-model", c.ollamaModel());
    assertEquals("env-token", c.agentToken());
    assertEquals("cpu", c.device());
    assertEquals(defaults.withDatabaseUrl("postgresql://env/db").withAgentToken("env-token")
        .withOllama("http://env:11434", "env-model", defaults.firstTokenTimeout(), defaults.answerTimeout()),
        new AppConfig(c.host(), c.port(), c.dataDir(), c.catalogFile(), c.databaseUrl(), c.ollamaUrl(), c.ollamaModel(),
            c.agentToken(), "auto", c.webRoot(), c.promptsDir(), c.modelsDir(), c.firstTokenTimeout(), c.answerTimeout(),
            c.allowedOrigins(), c.logFormat()));
  }

  @Test
  void should_parse_the_websocket_origin_allowlist_and_refuse_malformed_origins() {
    assertEquals(List.of(), AppConfig.parse(new String[0], Map.of()).allowedOrigins());
    assertEquals(List.of("https://shop.example", "http://localhost:8080"),
        AppConfig.parse(new String[] {"--allowed-origins", "https://shop.example/, http://localhost:8080"}, Map.of()).allowedOrigins());
    assertEquals(List.of("https://env.example"),
        AppConfig.parse(new String[0], Map.of("GLASSCART_ALLOWED_ORIGINS", "https://env.example")).allowedOrigins());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AppConfig.parse(new String[] {"--allowed-origins", "shop.example/path"}, Map.of()));
    assertTrue(e.getMessage().contains("illegal origin 'shop.example/path'"), e.getMessage());
  }

  @Test
  void should_use_the_defaults_with_an_empty_environment() {
    AppConfig c = AppConfig.parse(new String[0], Map.of());
    assertEquals(AppConfig.defaults(Path.of("data")), c);
    assertNull(c.databaseUrl());
    assertEquals("auto", c.device());
  }

  @Test
  void should_reject_unknown_flags_and_bad_values_by_name() {
    assertTrue(message("--prot", "80").startsWith("unknown option --prot"));
    assertEquals("option --port needs an integer between 0 and 65535, got '70000'", message("--port", "70000"));
    assertEquals("option --host needs a value", message("--host"));
    assertEquals("illegal device 'tpu', must be auto, cpu or cuda", message("--device", "tpu"));
  }

  private static String message(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> AppConfig.parse(args, Map.of())).getMessage();
  }
}
