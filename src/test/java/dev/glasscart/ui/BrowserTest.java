package dev.glasscart.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the shopper widget's browser scenarios (web-ui/test/*.mjs, node + playwright-core + the
 * system Chromium) against the real Glasscart server, started here exactly as {@code ./glasscart
 * serve} starts it: {@code dev.glasscart.cli.Main serve} on a free port, a fresh data dir under
 * target/tmp, the small test catalog web-ui/test/catalog.json, and a random agent token so the
 * scripts can read conversations back through the agent API.
 *
 * <p>web-ui/test/setup.sh (run by {@code ./glasscart test}) installs Chromium and playwright-core.
 * Without them the tests are skipped, unless the environment variable CI is set: then they fail.
 */
final class BrowserTest {

  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path SCRIPTS = ROOT.resolve("web-ui/test");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final long SCRIPT_TIMEOUT_S = 240;
  private static final String TOKEN = UUID.randomUUID().toString();

  private static Process server;
  private static Path serverLog;
  private static String url;
  private static String skipReason;

  @BeforeAll
  static void startServer() throws Exception {
    List<String> missing = missingTools();
    if (!missing.isEmpty()) {
      String why = "browser tests need " + String.join(", ", missing) + "; run web-ui/test/setup.sh";
      if (System.getenv("CI") != null) fail(why + " (CI is set, so this is a failure, not a skip)");
      skipReason = why + " (skipped because CI is not set)";
      return;
    }
    Path tmp = Files.createDirectories(ROOT.resolve("target/tmp"));
    Path dataDir = Files.createTempDirectory(tmp, "browser-test-data-");
    serverLog = tmp.resolve("browser-test-server-" + ProcessHandle.current().pid() + ".log");
    int port = freePort();
    url = "http://127.0.0.1:" + port;
    String classpath = ROOT.resolve("target/classes") + java.io.File.pathSeparator
        + Files.readString(ROOT.resolve("target/classpath.txt")).strip();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
        "-Xmx1g", "-Djava.io.tmpdir=" + tmp, "-cp", classpath, "dev.glasscart.cli.Main", "serve",
        "--port", String.valueOf(port), "--data-dir", dataDir.toString(),
        "--catalog", SCRIPTS.resolve("catalog.json").toString()));
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile())
        .redirectErrorStream(true).redirectOutput(serverLog.toFile());
    pb.environment().put("GLASSCART_AGENT_TOKEN", TOKEN);
    server = pb.start();
    awaitHealthy();
  }

  @BeforeEach
  void requireTools() {
    Assumptions.assumeTrue(skipReason == null, () -> skipReason);
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server == null) return;
    server.destroy();
    if (!server.waitFor(20, TimeUnit.SECONDS)) server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"chat.mjs", "feedback.mjs", "cancel.mjs", "reconnect.mjs", "injection.mjs", "embed.mjs", "errors.mjs", "agent.mjs",
      "privacy.mjs", "related.mjs", "trust.mjs", "zh.mjs"})
  void should_pass_browser_scenario(String script) throws Exception {
    // Given a running server and a scenario script
    Process node = new ProcessBuilder("node", script, url, TOKEN).directory(SCRIPTS.toFile())
        .redirectErrorStream(true).start();
    // When the script drives Chromium through the scenario
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(node));
    boolean finished = node.waitFor(SCRIPT_TIMEOUT_S, TimeUnit.SECONDS);
    if (!finished) node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    String output = out.get(10, TimeUnit.SECONDS);
    System.out.println("---- " + script + " ----\n" + output);
    // Then every check in it passed
    assertTrue(finished, script + " did not finish in " + SCRIPT_TIMEOUT_S + " s:\n" + output);
    assertEquals(0, node.exitValue(), script + " failed:\n" + output + "\nserver log tail:\n" + serverLogTail());
  }

  private static String readAll(Process process) {
    try {
      return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(could not read the script's output: " + e.getMessage() + ")";
    }
  }

  private static List<String> missingTools() {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(CHROMIUM)) missing.add(CHROMIUM.toString());
    if (!onPath("node")) missing.add("node");
    if (!Files.exists(SCRIPTS.resolve("node_modules/playwright-core/package.json"))) {
      missing.add("web-ui/test/node_modules/playwright-core");
    }
    return missing;
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) return false;
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) return true;
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitHealthy() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create(url + "/health")).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        fail("the Glasscart server exited with " + server.exitValue() + " before it was healthy:\n" + serverLogTail());
      }
      try {
        HttpResponse<String> res = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() == 200) return;
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    fail("the Glasscart server at " + url + " was not healthy within " + START_TIMEOUT + ":\n" + serverLogTail());
  }

  private static String serverLogTail() {
    try {
      List<String> lines = Files.readAllLines(serverLog, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no server log at " + serverLog + ": " + e.getMessage() + ")";
    }
  }
}
