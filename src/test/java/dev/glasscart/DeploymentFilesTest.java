package dev.glasscart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile and compose.yaml, checked without a container engine (none runs here): the YAML
 * is parsed and its services, ports, health checks, volumes and start order are checked; the
 * Dockerfile is split into instructions and its stages, user, health check and command are
 * checked, the command's flags and compose's environment go through {@link AppConfig#parse} as
 * {@code serve} would read them, and every path the image copies exists in the repository.
 */
final class DeploymentFilesTest {
  private static JsonNode compose;
  private static List<Instruction> dockerfile;

  /** One Dockerfile instruction, continuation lines joined. */
  record Instruction(String keyword, String args) {}

  @BeforeAll
  static void parse() throws IOException {
    compose = new ObjectMapper(new YAMLFactory()).readTree(Path.of("compose.yaml").toFile());
    dockerfile = instructions(Files.readAllLines(Path.of("Dockerfile")));
  }

  /** Comments dropped, lines ending in a backslash joined with the next, split into keyword and arguments. */
  static List<Instruction> instructions(List<String> lines) {
    List<Instruction> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : lines) {
      String line = raw.strip();
      if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) continue;
      if (line.startsWith("#")) continue; // a comment between continuation lines
      boolean continues = line.endsWith("\\");
      current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
      if (continues) continue;
      String text = current.toString().strip();
      current.setLength(0);
      int space = text.indexOf(' ');
      out.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()));
    }
    return out;
  }

  /** The instructions of each stage, in order; a stage starts at its FROM. */
  private static List<List<Instruction>> stages() {
    List<List<Instruction>> stages = new ArrayList<>();
    for (Instruction i : dockerfile) {
      if (i.keyword().equals("FROM")) stages.add(new ArrayList<>());
      if (!stages.isEmpty()) stages.getLast().add(i);
    }
    return stages;
  }

  private static List<String> jsonArray(String args) throws IOException {
    JsonNode n = new ObjectMapper().readTree(args);
    assertTrue(n.isArray(), "exec form expected: " + args);
    List<String> out = new ArrayList<>();
    n.forEach(e -> out.add(e.asText()));
    return out;
  }

  @Test
  void the_image_is_built_in_a_maven_stage_and_runs_on_a_java_21_runtime() {
    List<List<Instruction>> stages = stages();
    assertEquals(2, stages.size(), "a build stage and a runtime stage");
    String buildFrom = stages.get(0).getFirst().args();
    assertTrue(buildFrom.matches("maven:\\S*temurin-(2[1-9]|[3-9]\\d)\\S* AS build"), buildFrom);
    assertTrue(stages.get(0).stream().anyMatch(i -> i.keyword().equals("RUN") && i.args().contains("mvn") && i.args().contains("package")),
        "the build stage runs mvn package");
    Matcher runtime = Pattern.compile("eclipse-temurin:(\\d+)-jre( AS \\w+)?").matcher(stages.get(1).getFirst().args());
    assertTrue(runtime.matches(), "the runtime is a JRE image: " + stages.get(1).getFirst().args());
    assertTrue(Integer.parseInt(runtime.group(1)) >= 21, "Java 21 or newer");
    List<String> fromBuild = stages.get(1).stream().filter(i -> i.keyword().equals("COPY") && i.args().startsWith("--from=build"))
        .map(Instruction::args).toList();
    assertTrue(fromBuild.stream().anyMatch(a -> a.contains("glasscart.jar")), "the application jar comes from the build stage");
    assertTrue(fromBuild.stream().anyMatch(a -> a.contains("target/lib")), "its runtime dependencies too");
  }

  @Test
  void the_runtime_stage_ships_the_models_prompts_and_web_ui_that_exist_in_the_repository() {
    List<Instruction> runtime = stages().get(1);
    List<String> sources = new ArrayList<>();
    for (Instruction i : runtime) {
      if (!i.keyword().equals("COPY") || i.args().startsWith("--from")) continue;
      List<String> parts = Arrays.asList(i.args().split("\\s+"));
      sources.addAll(parts.subList(0, parts.size() - 1));
    }
    for (String wanted : List.of("models", "prompts", "web-ui/index.html", "web-ui/agent.html")) {
      assertTrue(sources.contains(wanted), "the image has " + wanted + ": " + sources);
    }
    for (String s : sources) {
      if (s.contains("*")) {
        Path dir = Path.of(s).getParent();
        String glob = Path.of(s).getFileName().toString();
        try (var files = Files.newDirectoryStream(dir, glob)) {
          assertTrue(files.iterator().hasNext(), s + " matches no file");
        } catch (IOException e) {
          throw new AssertionError(s, e);
        }
      } else {
        assertTrue(Files.exists(Path.of(s)), s + " exists in the repository");
      }
    }
    assertTrue(Files.isRegularFile(Path.of("models", "ranker.json")), "the trained ranker is in models/");
    assertTrue(Files.isRegularFile(Path.of("prompts", "VERSION")), "the prompt templates are in prompts/");
  }

  @Test
  void the_server_runs_as_a_non_root_user_with_a_health_check_on_health() {
    List<Instruction> runtime = stages().get(1);
    List<Instruction> users = runtime.stream().filter(i -> i.keyword().equals("USER")).toList();
    assertFalse(users.isEmpty(), "the runtime stage sets USER");
    String user = users.getLast().args().split(":")[0];
    assertFalse(user.equals("root") || user.equals("0"), "not root: " + user);
    int userAt = runtime.indexOf(users.getLast());
    int entryAt = runtime.indexOf(runtime.stream().filter(i -> i.keyword().equals("ENTRYPOINT")).findFirst().orElseThrow());
    assertTrue(userAt < entryAt, "USER comes before the entry point");
    assertTrue(runtime.stream().anyMatch(i -> i.keyword().equals("RUN") && i.args().contains("useradd") && i.args().contains(user)),
        "the user is created in the image");

    List<Instruction> health = runtime.stream().filter(i -> i.keyword().equals("HEALTHCHECK")).toList();
    assertEquals(1, health.size());
    assertTrue(health.getFirst().args().matches(".*CMD .*http://(127\\.0\\.0\\.1|localhost):8080/health\\b.*"), health.getFirst().args());
    assertTrue(runtime.stream().anyMatch(i -> i.keyword().equals("RUN") && i.args().contains("curl")),
        "the health check's curl is installed");
    assertTrue(runtime.stream().anyMatch(i -> i.keyword().equals("EXPOSE") && i.args().equals("8080")));
  }

  @Test
  void the_command_is_serve_with_flags_that_serve_accepts_and_the_launchers_jvm_flags() throws IOException {
    List<Instruction> runtime = stages().get(1);
    List<String> entry = jsonArray(runtime.stream().filter(i -> i.keyword().equals("ENTRYPOINT")).findFirst().orElseThrow().args());
    List<String> cmd = jsonArray(runtime.stream().filter(i -> i.keyword().equals("CMD")).findFirst().orElseThrow().args());
    assertEquals("java", entry.getFirst());
    assertEquals("dev.glasscart.cli.Main", entry.getLast());
    // the same JVM flags as ./glasscart (the Vector API index and ONNX Runtime's native access)
    String launcher = Files.readString(Path.of("glasscart"));
    Matcher flags = Pattern.compile("JVM_FLAGS=\\(([^)]*)\\)").matcher(launcher);
    assertTrue(flags.find(), "the launcher's JVM_FLAGS");
    for (String flag : flags.group(1).strip().split("\\s+")) assertTrue(entry.contains(flag), "entry point lacks " + flag + ": " + entry);

    assertEquals("serve", cmd.getFirst());
    AppConfig config = AppConfig.parse(cmd.subList(1, cmd.size()).toArray(String[]::new), Map.of());
    assertEquals(8080, config.server().port());
    assertEquals(Path.of("/data"), config.files().dataDir());
    assertTrue(runtime.stream().anyMatch(i -> i.keyword().equals("VOLUME") && i.args().contains("/data")), "the data dir is a volume");
    assertEquals(Path.of("/app/web-ui"), config.files().webRoot());
    assertEquals(Path.of("/app/prompts"), config.files().promptsDir());
    assertEquals(Path.of("/app/models"), config.files().modelsDir());
  }

  @Test
  void compose_runs_postgres_with_a_volume_and_a_health_check() {
    JsonNode pg = service("postgres");
    assertTrue(pg.path("image").asText().matches("postgres:(1[4-9]|[2-9]\\d)\\b.*"), pg.path("image").asText());
    assertTrue(namedVolumes(pg).stream().anyMatch(v -> v.endsWith(":/var/lib/postgresql")), "the database lives on a volume");
    String test = healthTest(pg);
    assertTrue(test.contains("pg_isready"), test);
    assertTrue(test.contains("-d glasscart") && test.contains("-U glasscart"), test);
  }

  @Test
  void compose_pulls_the_configured_model_once_before_glasscart_starts() {
    JsonNode ollama = service("ollama");
    assertTrue(ollama.path("image").asText().startsWith("ollama/ollama"));
    assertTrue(healthTest(ollama).contains("ollama"), "ollama has a health check");
    assertTrue(namedVolumes(ollama).stream().anyMatch(v -> v.endsWith(":/root/.ollama")), "pulled models survive a restart");

    JsonNode pull = service("ollama-pull");
    List<String> entry = new ArrayList<>();
    pull.path("entrypoint").forEach(e -> entry.add(e.asText()));
    assertEquals(List.of("ollama", "pull"), entry.subList(0, 2), "a one-shot pull: " + entry);
    assertEquals("no", pull.path("restart").asText(), "it runs once");
    assertEquals("service_healthy", pull.path("depends_on").path("ollama").path("condition").asText());
    assertEquals("http://ollama:11434", pull.path("environment").path("OLLAMA_HOST").asText());

    Map<String, String> env = environment(service("glasscart"));
    assertEquals(interpolate(entry.get(2)), env.get("OLLAMA_MODEL"), "the model pulled is the model Glasscart asks for");
  }

  @Test
  void glasscart_is_built_here_and_waits_for_a_healthy_database_and_the_finished_pull() {
    JsonNode g = service("glasscart");
    assertEquals(".", g.path("build").path("context").asText());
    assertEquals("Dockerfile", g.path("build").path("dockerfile").asText());
    assertTrue(Files.isRegularFile(Path.of(g.path("build").path("dockerfile").asText())));
    JsonNode deps = g.path("depends_on");
    assertEquals("service_healthy", deps.path("postgres").path("condition").asText());
    assertEquals("service_healthy", deps.path("ollama").path("condition").asText());
    assertEquals("service_completed_successfully", deps.path("ollama-pull").path("condition").asText());
    List<String> ports = new ArrayList<>();
    g.path("ports").forEach(p -> ports.add(p.asText()));
    assertEquals(List.of("8080:8080"), ports);
    assertTrue(namedVolumes(g).stream().anyMatch(v -> v.endsWith(":/data")), "the index and caches live on a volume");

    // the environment reaches the same settings serve reads, and names the services above
    Map<String, String> env = environment(g);
    AppConfig config = AppConfig.parse(new String[0], env);
    assertEquals("postgresql://glasscart:glasscart@postgres:5432/glasscart", config.databaseUrl());
    assertTrue(config.llm().configured());
    assertEquals("http://ollama:11434", config.llm().url());
    assertEquals(null, config.server().agentToken(), "an empty token means: generate one and print it");
    JsonNode pgEnv = service("postgres").path("environment");
    assertEquals(interpolate(pgEnv.path("POSTGRES_PASSWORD").asText()), "glasscart");
    assertTrue(config.databaseUrl().contains(pgEnv.path("POSTGRES_USER").asText() + ":"), "the database user");
    assertTrue(config.databaseUrl().endsWith("/" + pgEnv.path("POSTGRES_DB").asText()), "the database name");
  }

  @Test
  void every_named_volume_is_declared() {
    List<String> declared = new ArrayList<>();
    compose.path("volumes").fieldNames().forEachRemaining(declared::add);
    compose.path("services").fields().forEachRemaining(s -> {
      for (String v : namedVolumes(s.getValue())) {
        String name = v.substring(0, v.indexOf(':'));
        assertTrue(declared.contains(name), s.getKey() + " uses undeclared volume " + name);
      }
    });
  }

  @Test
  void the_dockerfile_parser_joins_continuations_and_skips_comments() {
    List<Instruction> parsed = instructions(List.of("# c", "FROM a AS b", "RUN x \\", "  # inside", "  && y", "", "USER u"));
    assertEquals(List.of(new Instruction("FROM", "a AS b"), new Instruction("RUN", "x  && y"), new Instruction("USER", "u")), parsed);
  }

  private static JsonNode service(String name) {
    JsonNode s = compose.path("services").path(name);
    assertFalse(s.isMissingNode(), "compose has a service " + name);
    return s;
  }

  private static String healthTest(JsonNode service) {
    JsonNode test = service.path("healthcheck").path("test");
    assertNotNull(test);
    assertTrue(test.isArray() && test.size() >= 2, "a health check test: " + test);
    assertTrue(List.of("CMD", "CMD-SHELL").contains(test.get(0).asText()), test.toString());
    List<String> parts = new ArrayList<>();
    for (int i = 1; i < test.size(); i++) parts.add(test.get(i).asText());
    return String.join(" ", parts);
  }

  /** Volume entries whose source is a named volume (not a bind mount). */
  private static List<String> namedVolumes(JsonNode service) {
    List<String> out = new ArrayList<>();
    service.path("volumes").forEach(v -> {
      String s = v.asText();
      if (!s.startsWith(".") && !s.startsWith("/") && s.contains(":")) out.add(s);
    });
    return out;
  }

  /** A service's environment with compose's {@code ${VAR:-default}} resolved to its default. */
  private static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new HashMap<>();
    service.path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), interpolate(e.getValue().asText())));
    return env;
  }

  /** Resolves {@code ${VAR:-default}} (and {@code ${VAR}}, to empty) as compose does with VAR unset. */
  static String interpolate(String s) {
    Matcher m = Pattern.compile("\\$\\{(\\w+)(?::?-([^}]*))?}").matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
    m.appendTail(out);
    return out.toString();
  }
}
