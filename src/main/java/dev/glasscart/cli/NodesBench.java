package dev.glasscart.cli;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.CatalogExporter;
import dev.glasscart.catalog.CatalogImporter;
import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.config.Flags;
import dev.glasscart.storage.Database;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code glasscart bench nodes [--nodes N] [--shoppers C] [--seconds S] [--warmup W] [--products P | --catalog FILE]
 * [--mode alternate|sticky] [--data-dir DIR]}: several stateless app nodes on one PostgreSQL, measured.
 *
 * <p>Method. A durable embedded PostgreSQL ({@link Database#standalone}: fsync, synchronous_commit,
 * full_page_writes on) runs in this JVM; {@code --nodes} (default 2) {@code serve} processes, each
 * its own JVM with its own data dir, connect to it (the first imports the demo catalog of
 * {@code --products} products, default the 1,320 of the demo, or {@code --catalog FILE}; the others
 * find it stored), and the bench waits until each has embedded it. Then {@code --shoppers C}
 * (default 8) clients chat in a closed loop (a message, wait for its {@code done}, the next) through
 * conversations from {@link LoadMessages}; with {@code --mode alternate} (the default) every turn of
 * a conversation goes to the next node (each turn finds its conversation advanced by another node:
 * the worst case for the stateless path), with {@code sticky} a conversation stays on one node.
 * Counted are turns that end within the {@code --seconds} (default 30) after {@code --warmup}
 * (default 10): turns/s, latency from send to {@code done} (p50, p99), {@code turn_taken} and other
 * errors, and the CPU each node process and the PostgreSQL processes (postmaster and backends, from
 * /proc) spent per turn. The database's work per stored turn is counted over the whole run (after 11 s
 * of quiet at both ends, so every backend has reported its statistics): transactions committed, rows
 * inserted, updated and read, WAL bytes and records, WAL fsyncs ({@code pg_stat_io}).
 */
public final class NodesBench {
  private static final Pattern RUNNING = Pattern.compile("Glasscart is running: http://localhost:(\\d+)/");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(600);
  private static final Duration TURN_TIMEOUT = Duration.ofSeconds(60);
  /** PostgreSQL backends report statistics at least every 10 s when idle. */
  private static final long STATS_QUIET_MS = 11_000;
  private static final String AGENT_TOKEN = "bench-nodes-agent-token-0123456789";

  private NodesBench() {}

  public static void main(String[] args) throws Exception {
    Flags f = Flags.parse(args, Set.of("--nodes", "--shoppers", "--seconds", "--warmup", "--products", "--catalog", "--mode",
        "--data-dir"), Set.of(), false);
    int nodes = f.integer("--nodes", 2, 1, 8);
    int shoppers = f.integer("--shoppers", 8, 1, 256);
    int seconds = f.integer("--seconds", 30, 1, 3600);
    int warmup = f.integer("--warmup", 10, 0, 3600);
    String mode = f.string("--mode", "alternate");
    if (!mode.equals("alternate") && !mode.equals("sticky")) throw new IllegalArgumentException("--mode must be alternate or sticky");
    Path dir = f.path("--data-dir", null);
    if (dir == null) dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "bench-nodes-");
    Files.createDirectories(dir);
    Catalog catalog;
    Path catalogFile;
    if (f.string("--catalog", null) != null) {
      catalogFile = Path.of(f.string("--catalog", null));
      catalog = new Catalog(CatalogImporter.read(catalogFile).products());
    } else {
      catalog = new Catalog(DemoCatalog.generate(f.integer("--products", 1, 1, 10_000_000)));
      catalogFile = dir.resolve("catalog.jsonl");
      CatalogExporter.write(catalog.products(), catalogFile);
    }
    System.out.printf(Locale.ROOT, "bench nodes: %d nodes, %d shoppers, mode %s, %d products, %d s after %d s warm-up; data in %s%n",
        nodes, shoppers, mode, catalog.size(), seconds, warmup, dir);
    try (Database.Standalone db = Database.standalone(dir.resolve("db"), 0)) {
      List<Node> started = new ArrayList<>();
      try {
        for (int i = 0; i < nodes; i++) {
          started.add(Node.start(dir, i, db.url(), i == 0 ? catalogFile : null));
          System.out.println("  node " + i + " on port " + started.getLast().port + " (pid " + started.getLast().process.pid() + ")");
        }
        for (Node n : started) n.awaitIndexed();
        JsonObject report = run(db, started, LoadMessages.of(catalog), shoppers, seconds, warmup, mode);
        System.out.println(describe(report));
        Files.writeString(dir.resolve("report.json"), report.encodePrettily());
      } finally {
        for (Node n : started) n.stop();
      }
    }
  }

  // ---- the run ----

  private static JsonObject run(Database.Standalone db, List<Node> nodes, LoadMessages messages, int shoppers, int seconds,
      int warmup, String mode) throws Exception {
    Thread.sleep(STATS_QUIET_MS);
    DbStats dbBefore = DbStats.read(db);
    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
    long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
    List<double[]> cpuBefore = new ArrayList<>();
    double[] pgBefore = new double[1];
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    Map<String, AtomicInteger> errors = Collections.synchronizedMap(new LinkedHashMap<>());
    AtomicInteger turns = new AtomicInteger();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < shoppers; s++) {
      int shopper = s;
      threads.add(Thread.ofPlatform().name("bench-shopper-" + s).start(() -> {
        Random random = new Random(shopper);
        while (System.nanoTime() < end) {
          try {
            conversation(http, nodes, messages.conversation(random), shopper, mode, end, measureFrom, latencies, errors, turns);
          } catch (Exception e) {
            errors.computeIfAbsent("client:" + e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
          }
        }
      }));
    }
    sleepUntil(measureFrom);
    for (Node n : nodes) cpuBefore.add(new double[] {cpuSeconds(n.process.pid())});
    pgBefore[0] = postgresCpu(db);
    sleepUntil(end);
    double[] cpuAfter = nodes.stream().mapToDouble(n -> cpuSeconds(n.process.pid())).toArray();
    double pgAfter = postgresCpu(db);
    for (Thread t : threads) t.join(TURN_TIMEOUT.toMillis() + 5_000);
    Thread.sleep(STATS_QUIET_MS);
    DbStats dbAfter = DbStats.read(db);

    int counted = turns.get();
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    JsonObject r = new JsonObject().put("nodes", nodes.size()).put("shoppers", shoppers).put("mode", mode).put("seconds", seconds)
        .put("turns", counted).put("turnsPerSecond", counted / (double) seconds)
        .put("doneMs", new JsonObject().put("p50", quantile(sorted, 0.5)).put("p99", quantile(sorted, 0.99)))
        .put("errors", new JsonObject(new LinkedHashMap<>(errors.entrySet().stream().collect(
            java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> (Object) e.getValue().get())))));
    double nodeCpu = 0;
    List<Double> perNode = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      double c = cpuAfter[i] - cpuBefore.get(i)[0];
      nodeCpu += c;
      perNode.add(c);
    }
    r.put("nodeCpuMsPerTurn", counted == 0 ? null : 1000 * nodeCpu / counted)
        .put("nodeCpuSeconds", new io.vertx.core.json.JsonArray(perNode))
        .put("postgresCpuMsPerTurn", counted == 0 ? null : 1000 * (pgAfter - pgBefore[0]) / counted)
        .put("loadAverage", loadAverage());
    long stored = dbAfter.turns - dbBefore.turns;
    r.put("database", dbBefore.perTurn(dbAfter, stored));
    return r;
  }

  /** One conversation of one shopper: each message to its node, a socket per node bound to the conversation. */
  private static void conversation(HttpClient http, List<Node> nodes, List<String> texts, int shopper, String mode, long end,
      long measureFrom, List<Long> latencies, Map<String, AtomicInteger> errors, AtomicInteger turns) throws Exception {
    Map<Integer, Chat> sockets = new LinkedHashMap<>();
    String conversationId = null;
    String resumeToken = null;
    try {
      for (int i = 0; i < texts.size() && System.nanoTime() < end; i++) {
        int node = mode.equals("sticky") ? shopper % nodes.size() : (shopper + i) % nodes.size();
        Chat chat = sockets.get(node);
        boolean fresh = chat == null;
        if (fresh) {
          chat = new Chat(http, nodes.get(node).port);
          sockets.put(node, chat);
        }
        JsonObject msg = new JsonObject().put("type", "message").put("text", texts.get(i));
        if (fresh && conversationId != null) msg.put("conversationId", conversationId).put("resumeToken", resumeToken);
        long t0 = System.nanoTime();
        Chat.Result result = chat.turn(msg);
        long t1 = System.nanoTime();
        if (result.conversationId() != null) conversationId = result.conversationId();
        if (result.resumeToken() != null) resumeToken = result.resumeToken();
        if (t0 >= measureFrom && t1 <= end) {
          if (result.error() != null) errors.computeIfAbsent(result.error(), k -> new AtomicInteger()).incrementAndGet();
          if (result.saved()) {
            turns.incrementAndGet();
            latencies.add((t1 - t0) / 1_000_000);
          }
        }
        if (result.error() != null && !result.error().equals("turn_taken")) return; // start another conversation
      }
    } finally {
      for (Chat c : sockets.values()) c.close();
    }
  }

  // ---- a node: serve in its own JVM ----

  private record Node(Process process, int port, Path log) {
    static Node start(Path dir, int i, String databaseUrl, Path catalogFile) throws Exception {
      Path dataDir = dir.resolve("node-" + i);
      Path log = dir.resolve("node-" + i + ".log");
      List<String> cmd = new ArrayList<>(FaultBench.defaultJavaCommand());
      cmd.addAll(List.of("serve", "--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir.toString(), "--database-url", databaseUrl));
      if (catalogFile != null) cmd.addAll(List.of("--catalog", catalogFile.toString()));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("GLASSCART_AGENT_TOKEN", AGENT_TOKEN);
      pb.environment().remove("OLLAMA_BASE_URL");
      pb.environment().remove("DATABASE_URL");
      Process p = pb.start();
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        Matcher m = RUNNING.matcher(Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "");
        if (m.find()) return new Node(p, Integer.parseInt(m.group(1)), log);
        if (!p.isAlive()) throw new IllegalStateException("node " + i + " exited with " + p.exitValue() + "; log in " + log);
        Thread.sleep(100);
      }
      p.destroyForcibly();
      throw new IllegalStateException("node " + i + " did not start within " + START_TIMEOUT.toSeconds() + " s; log in " + log);
    }

    /** Waits until /health no longer reports indexing (the embeddings joined). */
    void awaitIndexed() throws Exception {
      HttpClient http = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        try {
          String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
          if (!new JsonObject(body).containsKey("indexing")) return;
        } catch (IOException e) {
          // not yet
        }
        Thread.sleep(500);
      }
      throw new IllegalStateException("node on port " + port + " did not finish indexing; log in " + log);
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
    }
  }

  // ---- a shopper's socket ----

  private static final class Chat implements AutoCloseable {
    record Result(boolean saved, String error, String conversationId, String resumeToken) {}

    private final EventSocket socket;

    Chat(HttpClient http, int port) throws Exception {
      socket = new EventSocket(http, URI.create("ws://127.0.0.1:" + port + "/ws/chat"));
    }

    Result turn(JsonObject msg) throws Exception {
      socket.send(msg);
      String error = null;
      String id = null;
      String token = null;
      long deadline = System.nanoTime() + TURN_TIMEOUT.toNanos();
      while (true) {
        JsonObject e = socket.poll((deadline - System.nanoTime()) / 1_000_000);
        if (e == null) return new Result(false, "client_timeout", id, token);
        switch (e.getString("type", "")) {
          case "conversation" -> {
            id = e.getString("conversationId");
            token = e.getString("resumeToken");
          }
          case "error" -> {
            error = e.getString("code");
            if (!"not_saved".equals(error) && !"turn_taken".equals(error) && !"deleted".equals(error)) {
              return new Result(false, error, id, token); // refused: no done follows
            }
          }
          case "done" -> {
            return new Result(Boolean.TRUE.equals(e.getBoolean("saved")), error, id, token);
          }
          case "closed" -> {
            return new Result(false, "connection_closed", id, token);
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

  // ---- the database's counters ----

  private record DbStats(long turns, long commits, long inserted, long updated, long fetched, long walBytes, long walRecords,
      long walFsyncs) {
    static DbStats read(Database.Standalone db) throws SQLException {
      PgConnectOptions o = Database.connectOptions(db.url());
      Properties login = new Properties();
      login.setProperty("user", o.getUser());
      login.setProperty("password", o.getPassword());
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase(), login);
          Statement s = c.createStatement()) {
        long turns = one(s, "SELECT count(*) FROM turns");
        long commits;
        long inserted;
        long updated;
        long fetched;
        try (ResultSet rs = s.executeQuery("SELECT xact_commit, tup_inserted, tup_updated, tup_fetched FROM pg_stat_database "
            + "WHERE datname = current_database()")) {
          rs.next();
          commits = rs.getLong(1);
          inserted = rs.getLong(2);
          updated = rs.getLong(3);
          fetched = rs.getLong(4);
        }
        long walBytes = one(s, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
        long walRecords = one(s, "SELECT wal_records FROM pg_stat_wal");
        long fsyncs = one(s, "SELECT coalesce(sum(fsyncs), 0)::bigint FROM pg_stat_io WHERE object = 'wal'");
        return new DbStats(turns, commits, inserted, updated, fetched, walBytes, walRecords, fsyncs);
      }
    }

    private static long one(Statement s, String sql) throws SQLException {
      try (ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    }

    JsonObject perTurn(DbStats after, long stored) {
      double n = Math.max(1, stored);
      return new JsonObject().put("turnsStored", stored)
          .put("commitsPerTurn", (after.commits - commits) / n).put("rowsInsertedPerTurn", (after.inserted - inserted) / n)
          .put("rowsUpdatedPerTurn", (after.updated - updated) / n).put("rowsFetchedPerTurn", (after.fetched - fetched) / n)
          .put("walBytesPerTurn", (after.walBytes - walBytes) / n).put("walRecordsPerTurn", (after.walRecords - walRecords) / n)
          .put("walFsyncsPerTurn", (after.walFsyncs - walFsyncs) / n);
    }
  }

  // ---- processes ----

  /** User + system CPU seconds of {@code pid} from /proc (0 when it is gone). */
  private static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** CPU seconds of the postmaster and every process under it (its backends and workers). */
  private static double postgresCpu(Database.Standalone db) {
    long pm = db.server().pid().orElse(-1L);
    return ProcessHandle.of(pm).map(h -> cpuSeconds(pm) + h.descendants().mapToDouble(d -> cpuSeconds(d.pid())).sum()).orElse(0.0);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  private static long quantile(List<Long> sorted, double q) {
    if (sorted.isEmpty()) return -1;
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left = nanos - System.nanoTime();
    if (left > 0) Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
  }

  static String describe(JsonObject r) {
    JsonObject d = r.getJsonObject("database");
    return String.format(Locale.ROOT, """
        bench nodes (%s, %d nodes, %d shoppers, %d s): %d turns, %.1f turns/s, done p50 %d / p99 %d ms, errors %s
          CPU per turn: nodes %.1f ms (per node %s s), PostgreSQL %.1f ms; load average %s
          database per stored turn (%d turns): %.2f commits, %.2f rows inserted, %.2f updated, %.1f read, %.0f WAL bytes, %.1f WAL records, %.2f WAL fsyncs""",
        r.getString("mode"), r.getInteger("nodes"), r.getInteger("shoppers"), r.getInteger("seconds"), r.getInteger("turns"),
        r.getDouble("turnsPerSecond"), r.getJsonObject("doneMs").getLong("p50"), r.getJsonObject("doneMs").getLong("p99"),
        r.getJsonObject("errors").encode(), r.getDouble("nodeCpuMsPerTurn", Double.NaN), r.getJsonArray("nodeCpuSeconds").encode(),
        r.getDouble("postgresCpuMsPerTurn", Double.NaN), r.getString("loadAverage"), d.getLong("turnsStored"),
        d.getDouble("commitsPerTurn"), d.getDouble("rowsInsertedPerTurn"), d.getDouble("rowsUpdatedPerTurn"),
        d.getDouble("rowsFetchedPerTurn"), d.getDouble("walBytesPerTurn"), d.getDouble("walRecordsPerTurn"),
        d.getDouble("walFsyncsPerTurn"));
  }
}
