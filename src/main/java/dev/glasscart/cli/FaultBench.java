package dev.glasscart.cli;

import dev.glasscart.server.Protocol.ErrorCode;
import dev.glasscart.config.Flags;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code glasscart bench chaos [--rounds N] [--postmaster-kills N] [--data-dir DIR]}: faults against
 * real processes. Each round starts {@code serve} in a child JVM on one data dir, checks that every
 * turn acknowledged so far ({@code done} with {@code saved: true}) is stored, plays a few turns
 * (a new conversation and one resumed with its token) and kills the server right after the last
 * {@code done}: with {@code kill -9} of every process (the JVM, the postmaster, its backends) on
 * even rounds, of the JVM alone on odd ones. Then, on a running server, the postmaster is killed
 * with {@code kill -9} (recovery without a server restart is timed) and stopped with SIGSTOP for
 * 4 s. Prints a table: fault, expectation, what happened, turns acknowledged and lost, times.
 *
 * <p>Loopback only; needs {@code target/classes} and {@code target/classpath.txt} (the launcher
 * builds them) and runs from the project root. The test suite runs it with 2 rounds
 * ({@code FaultSuiteTest}); README's figures come from {@code ./glasscart bench chaos --rounds 50}.
 */
public final class FaultBench {
  static final String AGENT_TOKEN = "fault-bench-agent-token-0123456789";
  /** Generous: a fresh data dir embeds the catalog first (minutes on a busy 2-core machine). */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
  private static final Duration TURN_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern RUNNING = Pattern.compile("Glasscart is running: http://localhost:(\\d+)/");
  private static final String[] TEXTS = {"waterproof hiking boots under $120", "only brown", "a laptop", "cheaper",
      "running shoes for women", "why the first one?", "a backpack for hiking", "not black"};

  /** One row of the report. */
  public record Row(String fault, int times, String expectation, String happened, int acknowledged, int lost, String timing,
      boolean passed) {}

  /** The outcome of the whole run. */
  public record Report(List<Row> rows) {
    public boolean passed() {
      return rows.stream().allMatch(Row::passed);
    }

    public String table() {
      StringBuilder b = new StringBuilder("| fault | times | expectation | what happened | turns acknowledged / lost | times (median / max) |\n"
          + "| --- | --- | --- | --- | --- | --- |\n");
      for (Row r : rows) {
        b.append("| ").append(r.fault()).append(" | ").append(r.times()).append(" | ").append(r.expectation()).append(" | ")
            .append(r.happened()).append(" | ").append(r.acknowledged()).append(" / ").append(r.lost()).append(" | ")
            .append(r.timing()).append(" |\n");
      }
      return b.toString();
    }
  }

  private final Path dataDir;
  private final Path logs;
  private final List<String> javaCommand;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** Every acknowledged turn: conversation id to its turn numbers. */
  private final Map<String, Set<Integer>> acknowledged = new LinkedHashMap<>();
  private final Map<String, String> tokens = new LinkedHashMap<>();
  /** The shopper token each new conversation's {@code conversation} event issued: conversation id to token. */
  private final Map<String, String> shopperTokens = new LinkedHashMap<>();
  private int textIndex;

  public FaultBench(Path dataDir, List<String> javaCommand) {
    this.dataDir = dataDir.toAbsolutePath();
    this.logs = this.dataDir.resolveSibling(this.dataDir.getFileName() + "-logs");
    this.javaCommand = List.copyOf(javaCommand);
  }

  public static void main(String[] args) throws Exception {
    Flags f = Flags.parse(args, Set.of("--rounds", "--postmaster-kills", "--data-dir"), Set.of(), false);
    int rounds = f.integer("--rounds", 50, 1, 10_000);
    int postmasterKills = f.integer("--postmaster-kills", 10, 0, 1000);
    Path dir = f.path("--data-dir", Files.createTempDirectory("glasscart-chaos-"));
    long t0 = System.nanoTime();
    Report report = new FaultBench(dir, defaultJavaCommand()).run(rounds, postmasterKills);
    System.out.println(report.table());
    System.out.printf("%d server rounds, %d postmaster kills in %.0f s; data dir %s%n", rounds, postmasterKills,
        (System.nanoTime() - t0) / 1e9, dir.toAbsolutePath());
    if (!report.passed()) {
      System.out.println("FAILED: see the rows above");
      System.exit(1);
    }
  }

  /** This JVM's java with the launcher's flags and the project's class path (target/classes + classpath.txt). */
  public static List<String> defaultJavaCommand() throws IOException {
    String cp = "target/classes:" + Files.readString(Path.of("target", "classpath.txt")).strip();
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules", "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx1g", "-cp", cp, Main.class.getName());
  }

  /** Runs {@code rounds} server crashes, then {@code postmasterKills} postmaster kills and one SIGSTOP. */
  public Report run(int rounds, int postmasterKills) throws Exception {
    Files.createDirectories(logs);
    List<Row> rows = new ArrayList<>();
    List<Long> startsAll = new ArrayList<>();
    List<Long> startsKillAll = new ArrayList<>();
    List<Long> startsKillServer = new ArrayList<>();
    int firstTryFailures = 0;
    int killAllAcked = 0;
    int killServerAcked = 0;
    int killAllLost = 0;
    int killServerLost = 0;
    int leftoverPostmasters = 0;
    boolean previousKilledAll = false;
    for (int round = 0; round <= rounds; round++) {
      Server s = Server.start(this, round);
      if (s == null) {
        if (round == 0) throw new IllegalStateException("the server did not start on a fresh data dir; logs in " + logs);
        firstTryFailures++; // a restart after a crash
        s = Server.start(this, round); // a second try, to go on counting; the failure is reported
        if (s == null) throw new IllegalStateException("the server did not start twice in a row; logs in " + logs);
      }
      startsAll.add(s.startMs);
      if (round > 0) (previousKilledAll ? startsKillAll : startsKillServer).add(s.startMs);
      int lost = lost(s);
      System.err.printf("chaos round %d: started in %d ms (first try: %s), %d acknowledged turns checked, %d lost%n", round, s.startMs,
          firstTryFailures == 0 ? "always so far" : firstTryFailures + " failed so far",
          acknowledged.values().stream().mapToInt(Set::size).sum(), lost);
      if (round > 0) {
        if (previousKilledAll) killAllLost += lost;
        else killServerLost += lost;
      }
      if (round == rounds) {
        rows.addAll(databaseFaults(s, postmasterKills));
        rows.add(gracefulStop(s));
        break;
      }
      int acked = playRound(s);
      boolean killAll = round % 2 == 0;
      if (killAll) {
        killAllAcked += acked;
        s.killEverything();
      } else {
        killServerAcked += acked;
        long postmaster = s.postmasterPid();
        s.killJvm();
        // with setpriv the kernel stops the postmaster when the JVM dies; without, the next start stops it
        if (postmaster > 0 && !awaitGone(postmaster, Duration.ofSeconds(5))) leftoverPostmasters++;
      }
      previousKilledAll = killAll;
    }
    int killAllRounds = (rounds + 1) / 2;
    int killServerRounds = rounds / 2;
    rows.add(new Row("kill -9 of the server JVM, PostgreSQL and its backends right after a `done`", killAllRounds,
        "every `saved: true` turn is stored after the restart, with its conversation's shopper and tokens", lostText(killAllLost), killAllAcked, killAllLost,
        "restart " + timing(startsKillAll), killAllLost == 0));
    if (killServerRounds > 0) {
      rows.add(new Row("kill -9 of the server JVM only", killServerRounds,
          "PostgreSQL stops with it (or is stopped at the next start); nothing acknowledged lost",
          (leftoverPostmasters == 0 ? "postmaster gone within 5 s every time" : leftoverPostmasters + " postmasters outlived the JVM by 5 s")
              + "; " + lostText(killServerLost), killServerAcked, killServerLost, "restart " + timing(startsKillServer),
          killServerLost == 0));
    }
    rows.add(new Row("restart on the same data dir after a crash", startsAll.size() - 1,
        "the first start succeeds every time", firstTryFailures == 0 ? "first start succeeded every time"
            : firstTryFailures + " first starts failed", 0, 0, "restart " + timing(startsAll.subList(1, startsAll.size())),
        firstTryFailures == 0));
    return new Report(rows);
  }

  private static String lostText(int lost) {
    return lost == 0 ? "none lost" : lost + " acknowledged turns or their conversations' openings missing";
  }

  /** One new conversation of two turns and, when there is one, a turn in the previous conversation, resumed. */
  private int playRound(Server s) throws Exception {
    int acked = 0;
    String previous = tokens.isEmpty() ? null : new ArrayList<>(tokens.keySet()).getLast();
    try (Chat chat = new Chat(http, s.port)) {
      for (int i = 0; i < 2; i++) if (chat.turn(nextText(), null, null).acknowledged()) acked++;
    }
    if (previous != null) {
      try (Chat chat = new Chat(http, s.port)) {
        if (chat.turn(nextText(), previous, tokens.get(previous)).acknowledged()) acked++;
      }
    }
    return acked;
  }

  private String nextText() {
    return TEXTS[textIndex++ % TEXTS.length];
  }

  /**
   * Acknowledged turns the server does not have, plus the conversations with an acknowledged turn
   * whose opening it lost: the shopper token issued with it no longer authorises, or that
   * shopper's data does not hold the conversation with its resume token's hash. (The opening is
   * committed without waiting for the disk; the first turn's durable commit carries it.)
   */
  private int lost(Server s) throws Exception {
    int lost = 0;
    for (Map.Entry<String, Set<Integer>> e : acknowledged.entrySet()) {
      Set<Integer> stored = storedTurns(s.port, e.getKey());
      for (int t : e.getValue()) if (!stored.contains(t)) lost++;
      String shopperToken = shopperTokens.get(e.getKey());
      if (shopperToken != null && !openingStored(s.port, shopperToken, e.getKey())) lost++;
    }
    return lost;
  }

  private boolean openingStored(int port, String shopperToken, String conversationId) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/me/export"))
        .header("Authorization", "Bearer " + shopperToken).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) return false;
    JsonArray conversations = new JsonObject(r.body()).getJsonArray("conversations");
    for (int i = 0; i < conversations.size(); i++) {
      JsonObject c = conversations.getJsonObject(i);
      if (conversationId.equals(c.getString("conversationId"))) return c.getString("resumeTokenHash") != null;
    }
    return false;
  }

  private Set<Integer> storedTurns(int port, String conversationId) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/conversations/" + conversationId))
        .header("Authorization", "Bearer " + AGENT_TOKEN).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    Set<Integer> out = new HashSet<>();
    if (r.statusCode() != 200) return out;
    JsonArray turns = new JsonObject(r.body()).getJsonArray("turns");
    for (int i = 0; i < turns.size(); i++) out.add(turns.getJsonObject(i).getInteger("turn"));
    return out;
  }

  /** The postmaster killed (kill -9) under a running server, {@code times} times; then SIGSTOP for 4 s. */
  private List<Row> databaseFaults(Server s, int times) throws Exception {
    List<Row> rows = new ArrayList<>();
    List<Long> recoveries = new ArrayList<>();
    int acked = 0;
    int failedCleanly = 0;
    int unclean = 0;
    for (int i = 0; i < times; i++) {
      try (Chat chat = new Chat(http, s.port)) {
        if (chat.turn(nextText(), null, null).acknowledged()) acked++;
        long pid = s.postmasterPid();
        long killed = System.nanoTime();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        // a turn during the outage: saved after the restart, or refused cleanly
        Outcome during = chat.turn(nextText(), null, null);
        if (during.acknowledged()) acked++;
        else if (during.clean()) failedCleanly++;
        else unclean++;
        long recovered = -1;
        while (System.nanoTime() - killed < 30_000_000_000L) {
          int status = s.healthStatus();
          if (status == 200 && chatWorks(s)) {
            recovered = (System.nanoTime() - killed) / 1_000_000;
            break;
          }
          Thread.sleep(100);
        }
        recoveries.add(recovered < 0 ? Long.MAX_VALUE : recovered);
        if (chat.turn(nextText(), null, null).acknowledged()) acked++;
      }
    }
    int lost = lost(s);
    long worst = recoveries.stream().mapToLong(Long::longValue).max().orElse(0);
    if (times > 0) {
      rows.add(new Row("kill -9 of the postmaster under a running server", times,
          "restarted without a server restart within 10 s; turns meanwhile saved or refused cleanly (`not_saved`, `unavailable`)",
          "recovered every time; turn during the outage: " + (times - failedCleanly - unclean) + " saved, " + failedCleanly
              + " refused cleanly, " + unclean + " otherwise", acked, lost, "recovery " + timing(recoveries),
          lost == 0 && unclean == 0 && worst <= 10_000));
    }
    // SIGSTOP: alive but silent
    int ackedStop = 0;
    try (Chat chat = new Chat(http, s.port)) {
      if (chat.turn(nextText(), null, null).acknowledged()) ackedStop++;
      long pid = s.postmasterPid();
      // the whole database: the postmaster and every backend (a stopped postmaster alone still serves open connections)
      List<Long> database = new ArrayList<>(List.of(pid));
      ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> database.add(d.pid())));
      signal("STOP", database);
      long stopped = System.nanoTime();
      int health = s.healthStatus();
      long healthMs = (System.nanoTime() - stopped) / 1_000_000;
      Thread.ofPlatform().daemon().start(() -> {
        try {
          Thread.sleep(4000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        signal("CONT", database);
      });
      Outcome during = chat.turn(nextText(), null, null);
      long turnMs = (System.nanoTime() - stopped) / 1_000_000;
      if (during.acknowledged()) ackedStop++;
      Thread.sleep(Math.max(0, 4500 - (System.nanoTime() - stopped) / 1_000_000));
      boolean back = chat.turn(nextText(), null, null).acknowledged();
      if (back) ackedStop++;
      int lostStop = lost(s) - lost;
      rows.add(new Row("SIGSTOP of PostgreSQL (postmaster and backends) for 4 s", 1,
          "`/health` 503 with a reason; the turn meanwhile waits a bounded time, then is saved or refused cleanly",
          "/health " + health + " after " + healthMs + " ms; turn during the stop " + (during.acknowledged() ? "saved" : during.reason)
              + " after " + turnMs + " ms; next turn " + (back ? "saved" : "failed"),
          ackedStop, lostStop, "turn " + turnMs + " ms", health == 503 && (during.acknowledged() || during.clean()) && back && lostStop == 0));
    }
    return rows;
  }

  private boolean chatWorks(Server s) {
    try (Chat chat = new Chat(http, s.port)) {
      return chat.turn(nextText(), null, null).acknowledged();
    } catch (Exception e) {
      return false;
    }
  }

  private Row gracefulStop(Server s) throws Exception {
    long pid = s.postmasterPid();
    s.process.destroy(); // SIGTERM: the shutdown hook stops the server and PostgreSQL
    boolean exited = s.process.waitFor(60, TimeUnit.SECONDS);
    boolean postgresGone = pid <= 0 || awaitGone(pid, Duration.ofSeconds(10));
    return new Row("SIGTERM of the server", 1, "the server and its PostgreSQL stop", (exited ? "server exited" : "server still running")
        + ", postmaster " + (postgresGone ? "stopped" : "still running"), 0, 0, "", exited && postgresGone);
  }

  private static boolean awaitGone(long pid, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      if (System.nanoTime() > deadline) return false;
      Thread.sleep(20);
    }
    return true;
  }

  private static void signal(String signal, List<Long> pids) {
    List<String> cmd = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(p -> cmd.add(String.valueOf(p)));
    try {
      new ProcessBuilder(cmd).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String timing(List<Long> ms) {
    if (ms.isEmpty()) return "";
    List<Long> sorted = ms.stream().sorted().toList();
    long worst = sorted.getLast();
    return sorted.get(sorted.size() / 2) + " / " + (worst == Long.MAX_VALUE ? "never" : worst) + " ms";
  }

  // ---- a served child JVM ----

  private static final class Server {
    final Process process;
    final int port;
    final long startMs;
    final Path pidFile;

    private Server(Process process, int port, long startMs, Path pidFile) {
      this.process = process;
      this.port = port;
      this.startMs = startMs;
      this.pidFile = pidFile;
    }

    /** {@code serve} on the bench's data dir; null when it did not become healthy (the log says why). */
    static Server start(FaultBench bench, int round) throws Exception {
      Path log = bench.logs.resolve("serve-" + round + "-" + System.nanoTime() + ".log");
      List<String> cmd = new ArrayList<>(bench.javaCommand);
      cmd.addAll(List.of("serve", "--port", "0", "--host", "127.0.0.1", "--data-dir", bench.dataDir.toString()));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("GLASSCART_AGENT_TOKEN", AGENT_TOKEN);
      pb.environment().remove("OLLAMA_BASE_URL");
      pb.environment().remove("DATABASE_URL");
      long t0 = System.nanoTime();
      Process p = pb.start();
      long deadline = t0 + START_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) return null;
        Matcher m = RUNNING.matcher(Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "");
        if (m.find()) {
          Server s = new Server(p, Integer.parseInt(m.group(1)), (System.nanoTime() - t0) / 1_000_000,
              bench.dataDir.resolve("postgres").resolve("postmaster.pid"));
          return s.healthStatus() == 200 ? s : null;
        }
        Thread.sleep(50);
      }
      p.destroyForcibly();
      return null;
    }

    int healthStatus() {
      try {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (IOException e) {
        return -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    long postmasterPid() {
      try {
        return Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }

    /** kill -9 of the JVM and every process under it (the postmaster and its backends), all at once. */
    void killEverything() throws InterruptedException {
      List<ProcessHandle> all = new ArrayList<>(process.toHandle().descendants().toList());
      long pm = postmasterPid();
      ProcessHandle.of(pm).ifPresent(h -> {
        all.add(h);
        all.addAll(h.descendants().toList());
      });
      all.add(process.toHandle());
      all.forEach(ProcessHandle::destroyForcibly);
      process.waitFor(10, TimeUnit.SECONDS);
      for (ProcessHandle h : all) awaitGone(h.pid(), Duration.ofSeconds(10));
    }

    void killJvm() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  // ---- a shopper ----

  /** How a turn ended: acknowledged (done, saved), done unsaved, an error code, or nothing in time. */
  private record Outcome(boolean acknowledged, String reason) {
    /** Ended with a clear answer the shopper can act on. */
    boolean clean() {
      return acknowledged || reason.equals(ErrorCode.NOT_SAVED.wire()) || reason.equals(ErrorCode.UNAVAILABLE.wire());
    }
  }

  private final class Chat implements AutoCloseable {
    private final EventSocket socket;
    private String conversationId;

    Chat(HttpClient http, int port) throws Exception {
      socket = new EventSocket(http, URI.create("ws://localhost:" + port + "/ws/chat"));
    }

    /** Sends a message (resuming {@code resume} with {@code token} when given) and waits for its end. */
    Outcome turn(String text, String resume, String token) throws Exception {
      JsonObject msg = new JsonObject().put("type", "message").put("text", text);
      if (resume != null) msg.put("conversationId", resume).put("resumeToken", token);
      socket.send(msg);
      String error = null;
      long deadline = System.nanoTime() + TURN_TIMEOUT.toNanos();
      while (true) {
        JsonObject e = socket.poll((deadline - System.nanoTime()) / 1_000_000);
        if (e == null) return new Outcome(false, "no answer in " + TURN_TIMEOUT.toSeconds() + " s");
        switch (e.getString("type", "")) {
          case "conversation" -> {
            conversationId = e.getString("conversationId");
            if (e.getString("resumeToken") != null) tokens.put(conversationId, e.getString("resumeToken"));
            if (e.getString("shopperToken") != null) shopperTokens.put(conversationId, e.getString("shopperToken"));
          }
          case "error" -> {
            error = e.getString("code");
            if (!ErrorCode.NOT_SAVED.wire().equals(error)) return new Outcome(false, error); // refused: no done follows
          }
          case "done" -> {
            if (Boolean.TRUE.equals(e.getBoolean("saved"))) {
              acknowledged.computeIfAbsent(conversationId, k -> new HashSet<>()).add(e.getInteger("turn"));
              return new Outcome(true, "saved");
            }
            return new Outcome(false, error == null ? "done unsaved" : error);
          }
          case "closed" -> {
            return new Outcome(false, "connection closed");
          }
          default -> { }
        }
      }
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
