package dev.glasscart.cli;

import dev.glasscart.server.Protocol.ErrorCode;
import dev.glasscart.config.Flags;
import dev.glasscart.AppConfig;
import dev.glasscart.Glasscart;
import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.CatalogExporter;
import dev.glasscart.catalog.CatalogImporter;
import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.catalog.Product;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code glasscart bench load}: a real WebSocket load test of the chat, plus the bare
 * {@code /api/search} throughput of the same machine in the same run as the yardstick.
 *
 * <p>Method. The server is started in this process on a generated demo catalog of
 * {@code --products} products (default 10,000; or {@code --catalog FILE}), or is the one at
 * {@code --url} (loopback only). First {@code --idle N} sockets connect and stay silent. Then
 * {@code --shoppers C} clients chat
 * for {@code --seconds S} after {@code --warmup W}: each holds a socket and runs conversations
 * from {@link LoadMessages} (search, refinements, a follow-up), sending a message, waiting for its
 * {@code done}, then sending the next (closed loop), opening a new socket for each new
 * conversation. With {@code --rate R} the loop is open instead: each shopper sends every C/R
 * seconds; a send that finds its previous turn still running is skipped and counted. Counted are
 * turns that start after the warm-up and finish before the end: turns/s, the latency from send to
 * the first {@code results}, first {@code token} and {@code done} event, errors by code (error
 * events, {@code client_timeout} after {@code --turn-timeout}, {@code connection_closed}). Then, on
 * the now warm server, the same C clients search for {@code --search-seconds}: each sends
 * {@code POST /api/search} and waits for the answer (closed loop); its rate is the yardstick every
 * figure is also given against, so runs on different or busy machines compare. The
 * server's RSS and CPU come from /proc: for an in-process server the bench's own client thread is
 * subtracted from the process CPU. Of that CPU the JIT compiler threads' and the garbage
 * collector's are also given (a JIT still compiling is warm-up, not a turn's work), and for the
 * in-process server the embedded PostgreSQL's processes' CPU apart. CPU milliseconds per turn and
 * per search move far less with the machine's other load than rates and latencies do.
 *
 * <p>The client runs on one Vert.x event loop of its own. Every operation is bounded: connects
 * and turns time out, the run ends at S seconds, in-flight turns get the turn timeout to finish.
 */
public final class LoadBench {
  private static final Set<String> VALUE_FLAGS = Set.of("--url", "--catalog", "--products", "--data-dir", "--shoppers",
      "--rate", "--seconds", "--warmup", "--idle", "--search-seconds", "--turn-timeout", "--json", "--seed");
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  /** Idle sockets connecting at once: enough to open thousands in seconds without a SYN flood. */
  private static final int IDLE_CONNECTS_IN_FLIGHT = 64;

  /** What a run is asked to do. */
  record Options(String host, int port, int shoppers, double rate, double seconds, double warmup, int idle,
      double searchSeconds, double turnTimeout, long seed) {}

  private LoadBench() {}

  public static void main(String[] args) throws Exception {
    Flags f = Flags.parse(args, VALUE_FLAGS, Set.of(), false);
    int shoppers = f.integer("--shoppers", 16, 1, 10_000);
    double seconds = f.decimal("--seconds", 30, 0.1, 3600);
    Options base = new Options("127.0.0.1", 0, shoppers, f.decimal("--rate", 0, 0, 100_000), seconds,
        f.decimal("--warmup", Math.min(3, seconds / 4), 0, 600), f.integer("--idle", 0, 0, 100_000),
        f.decimal("--search-seconds", Math.min(5, seconds), 0, 600), f.decimal("--turn-timeout", 30, 0.1, 600),
        f.integer("--seed", 1, 0, Integer.MAX_VALUE));
    Path json = f.path("--json", null);
    Path catalogFile = f.path("--catalog", null);
    String url = f.string("--url", null);
    Catalog catalog;
    JsonObject report;
    if (url != null) {
      URI uri = URI.create(url);
      requireLoopback(uri.getHost());
      catalog = catalogFile != null ? new Catalog(CatalogImporter.read(catalogFile).products())
          : new Catalog(DemoCatalog.generate(f.integer("--products", 1, 1, 1_000_000)));
      int port = uri.getPort() > 0 ? uri.getPort() : 80;
      Options o = new Options(uri.getHost(), port, base.shoppers(), base.rate(), base.seconds(), base.warmup(),
          base.idle(), base.searchSeconds(), base.turnTimeout(), base.seed());
      report = run(o, catalog, ServerProcess.listening(port));
    } else {
      Path dataDir = f.path("--data-dir", Path.of("target", "load-bench")).toAbsolutePath();
      Files.createDirectories(dataDir);
      if (catalogFile == null) {
        List<Product> products = DemoCatalog.generate(f.integer("--products", 10_000, 1, 1_000_000));
        catalogFile = dataDir.resolve("demo-" + products.size() + ".jsonl");
        if (!Files.exists(catalogFile)) CatalogExporter.write(products, catalogFile);
      }
      AppConfig config = AppConfig.builder(dataDir).port(0).catalogFile(catalogFile).host("127.0.0.1").build();
      try (Glasscart app = Glasscart.start(config)) {
        // the figures are for the full retrieval: wait for the embeddings (cached after the first run)
        if (!app.awaitIndexed(java.time.Duration.ofHours(1))) throw new IllegalStateException("embeddings not built within an hour");
        // and for the product graph built with them: a one-off background build, not a turn's work
        if (!app.awaitGraph(java.time.Duration.ofHours(1))) throw new IllegalStateException("product graph not built within an hour");
        catalog = new Catalog(CatalogImporter.read(catalogFile).products());
        Options o = new Options("127.0.0.1", app.port(), base.shoppers(), base.rate(), base.seconds(), base.warmup(),
            base.idle(), base.searchSeconds(), base.turnTimeout(), base.seed());
        report = run(o, catalog, ServerProcess.self(dataDir.resolve("postgres")));
      }
    }
    System.out.println(describe(report));
    if (json != null) {
      Files.writeString(json, report.encodePrettily() + "\n");
      System.out.println("wrote " + json);
    }
  }

  /** Fails unless {@code host} names this machine's loopback interface. */
  static void requireLoopback(String host) {
    try {
      if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
        throw new IllegalArgumentException("bench load only targets loopback (localhost, 127.0.0.1, ::1), got '" + host + "'");
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host '" + host + "'", e);
    }
  }

  /** Runs the idle sockets, the search phase and the chat phase against {@code o.port()}; the report as JSON. */
  static JsonObject run(Options o, Catalog catalog, ServerProcess server) throws Exception {
    LoadMessages messages = LoadMessages.of(catalog);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    try {
      // the client's one event-loop thread, whose CPU is not the server's
      Promise<Long> loopThread = Promise.promise();
      vertx.runOnContext(v -> loopThread.complete(Thread.currentThread().threadId()));
      long clientThread = loopThread.future().await();
      WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions()
          .setMaxConnections(o.idle() + 2 * o.shoppers() + 16).setConnectTimeout(CONNECT_TIMEOUT_MS)
          .setMaxFrameSize(1024 * 1024).setMaxMessageSize(4 * 1024 * 1024));
      JsonObject report = new JsonObject().put("date", Instant.now().toString()).put("loadAverageAtStart", loadAverage())
          .put("catalogProducts", catalog.size()).put("server", "http://" + o.host() + ":" + o.port())
          .put("shoppers", o.shoppers()).put("mode", o.rate() > 0 ? "open loop, " + o.rate() + " messages/s" : "closed loop")
          .put("seconds", o.seconds()).put("warmupSeconds", o.warmup());

      IdleSockets idle = IdleSockets.open(vertx, ws, o);
      report.put("idle", idle.toJson());

      ServerProcess.Usage before = server.usage(clientThread);
      LoadStats stats = new LoadStats();
      AtomicInteger skipped = new AtomicInteger();
      long start = System.nanoTime();
      long countFrom = start + (long) (o.warmup() * 1e9);
      long end = countFrom + (long) (o.seconds() * 1e9);
      List<Shopper> all = new ArrayList<>();
      for (int i = 0; i < o.shoppers(); i++) {
        all.add(new Shopper(vertx, ws, o, messages, new Random(o.seed() * 7919 + i), stats, skipped, countFrom, end, i));
      }
      vertx.runOnContext(v -> all.forEach(Shopper::begin));
      sleepUntil(end);
      ServerProcess.Usage after = server.usage(clientThread);
      // let the turns in flight finish (bounded) so the server is not torn down mid-turn
      long drainUntil = System.nanoTime() + (long) (o.turnTimeout() * 1e9);
      while (System.nanoTime() < drainUntil && all.stream().anyMatch(Shopper::inFlight)) Thread.sleep(20);
      int stillOpen = idle.stillOpen();
      // the yardstick after the chat, on a warm server, with the idle sockets still held
      ServerProcess.Usage beforeSearch = server.usage(clientThread);
      JsonObject search = searchPhase(vertx, o, messages);
      ServerProcess.Usage afterSearch = server.usage(clientThread);
      if (beforeSearch != null && afterSearch != null && search.getLong("requests") > 0) {
        search.put("serverCpuMsPerRequest", LoadStats.round((afterSearch.cpuSeconds() - beforeSearch.cpuSeconds()) * 1000
            / (search.getLong("requests") * (1 + search.getDouble("warmupSeconds") / o.searchSeconds()))));
      }
      report.put("search", search);
      idle.close();

      double turnsPerSecond = stats.completedCount() / o.seconds();
      report.put("turns", stats.completedCount()).put("turnsPerSecond", LoadStats.round(turnsPerSecond))
          .put("skippedSends", skipped.get())
          .put("latencyMs", new JsonObject().put("results", stats.results.toJson())
              .put("firstToken", stats.firstToken.toJson()).put("done", stats.done.toJson()))
          .put("errors", errors(stats));
      report.getJsonObject("idle").put("stillOpenAtEnd", stillOpen);
      JsonObject process = ServerProcess.Usage.delta(server, before, after, o.seconds() + o.warmup());
      if (process.containsKey("cpuSeconds") && stats.completedCount() > 0) {
        // CPU over warm-up and measurement, turns of the measurement scaled up to the same span
        double turnsOverSpan = stats.completedCount() * (o.seconds() + o.warmup()) / o.seconds();
        process.put("cpuMsPerTurn", LoadStats.round(process.getDouble("cpuSeconds") * 1000 / turnsOverSpan));
        // the JIT still compiling is warm-up, not a turn's work; the database's processes are apart
        process.put("jitCpuMsPerTurn", LoadStats.round(process.getDouble("jitCpuSeconds") * 1000 / turnsOverSpan))
            .put("cpuMsPerTurnLessJit", LoadStats.round((process.getDouble("cpuSeconds") - process.getDouble("jitCpuSeconds"))
                * 1000 / turnsOverSpan))
            .put("gcCpuMsPerTurn", LoadStats.round(process.getDouble("gcCpuSeconds") * 1000 / turnsOverSpan));
        if (process.containsKey("databaseCpuSeconds")) {
          process.put("databaseCpuMsPerTurn", LoadStats.round(process.getDouble("databaseCpuSeconds") * 1000 / turnsOverSpan));
        }
      }
      report.put("serverProcess", process);
      double searchRate = search.getDouble("requestsPerSecond", 0.0);
      Double p50Search = search.getJsonObject("latencyMs").getDouble("p50");
      double searchP50 = p50Search == null ? Double.NaN : p50Search;
      JsonObject ratios = new JsonObject();
      if (searchRate > 0) ratios.put("turnsPerSecondOverSearchesPerSecond", Math.round(turnsPerSecond / searchRate * 1000) / 1000.0);
      for (String m : List.of("results", "firstToken", "done")) {
        Double p50 = report.getJsonObject("latencyMs").getJsonObject(m).getDouble("p50");
        Double p99 = report.getJsonObject("latencyMs").getJsonObject(m).getDouble("p99");
        if (p50 != null && searchP50 > 0) ratios.put(m + "P50OverSearchP50", LoadStats.round(p50 / searchP50));
        if (p99 != null && searchP50 > 0) ratios.put(m + "P99OverSearchP50", LoadStats.round(p99 / searchP50));
      }
      report.put("ratios", ratios).put("loadAverageAtEnd", loadAverage());
      return report;
    } finally {
      vertx.close().await();
    }
  }

  // ---- search phase: the yardstick ----

  private static JsonObject searchPhase(Vertx vertx, Options o, LoadMessages messages) {
    JsonObject out = new JsonObject().put("endpoint", "POST /api/search (limit 10)").put("clients", o.shoppers())
        .put("seconds", o.searchSeconds());
    LoadStats stats = new LoadStats();
    if (o.searchSeconds() <= 0) return out.put("requests", 0).put("requestsPerSecond", 0.0).put("latencyMs", stats.results.toJson());
    HttpClientAgent http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS)
        .setDefaultHost(o.host()).setDefaultPort(o.port()), new PoolOptions().setHttp1MaxSize(o.shoppers()));
    long start = System.nanoTime();
    double warmup = Math.min(1, o.searchSeconds() / 4);
    out.put("warmupSeconds", warmup);
    long countFrom = start + (long) (warmup * 1e9);
    long end = countFrom + (long) (o.searchSeconds() * 1e9);
    AtomicInteger running = new AtomicInteger(o.shoppers());
    Promise<Void> finished = Promise.promise();
    vertx.runOnContext(v -> {
      for (int i = 0; i < o.shoppers(); i++) {
        Random random = new Random(o.seed() * 31 + i);
        searchLoop(http, messages, random, stats, countFrom, end, o.turnTimeout(), running, finished);
      }
    });
    finished.future().await();
    http.close().await();
    return out.put("requests", stats.completedCount())
        .put("requestsPerSecond", LoadStats.round(stats.completedCount() / o.searchSeconds()))
        .put("latencyMs", stats.results.toJson()).put("errors", errors(stats));
  }

  private static void searchLoop(HttpClientAgent http, LoadMessages messages, Random random, LoadStats stats,
      long countFrom, long end, double timeout, AtomicInteger running, Promise<Void> finished) {
    long sent = System.nanoTime();
    if (sent >= end) {
      if (running.decrementAndGet() == 0) finished.complete();
      return;
    }
    String body = new JsonObject().put("query", messages.search(random)).put("limit", 10).encode();
    http.request(HttpMethod.POST, "/api/search")
        .compose(req -> req.idleTimeout((long) (timeout * 1000)).putHeader("Content-Type", "application/json").send(body)
            .compose(resp -> resp.body().map(b -> resp.statusCode())))
        .onComplete(ar -> {
          long now = System.nanoTime();
          boolean counted = sent >= countFrom && now <= end;
          if (ar.failed()) {
            if (counted) stats.error("http_failed");
          } else if (ar.result() != 200) {
            if (counted) stats.error("http_" + ar.result());
          } else if (counted) {
            stats.completed();
            stats.results.add((now - sent) / 1e6);
          }
          searchLoop(http, messages, random, stats, countFrom, end, timeout, running, finished);
        });
  }

  // ---- idle sockets ----

  /** Sockets that connect and then say nothing. Their state is touched only on the client's event loop. */
  private static final class IdleSockets {
    private final List<WebSocket> open = new ArrayList<>();
    private int failed;
    private String firstFailure;
    private int closedByServer;
    private long millis;
    private final int requested;

    private IdleSockets(int requested) {
      this.requested = requested;
    }

    static IdleSockets open(Vertx vertx, WebSocketClient client, Options o) {
      IdleSockets idle = new IdleSockets(o.idle());
      if (o.idle() == 0) return idle;
      long t0 = System.nanoTime();
      Promise<Void> all = Promise.promise();
      AtomicInteger next = new AtomicInteger();
      AtomicInteger pending = new AtomicInteger(o.idle());
      vertx.runOnContext(v -> {
        for (int i = 0; i < Math.min(IDLE_CONNECTS_IN_FLIGHT, o.idle()); i++) idle.connectNext(client, o, next, pending, all);
      });
      all.future().await();
      idle.millis = (System.nanoTime() - t0) / 1_000_000;
      return idle;
    }

    private void connectNext(WebSocketClient client, Options o, AtomicInteger next, AtomicInteger pending, Promise<Void> all) {
      if (next.getAndIncrement() >= requested) return;
      client.connect(o.port(), o.host(), "/ws/chat").onComplete(ar -> {
        if (ar.succeeded()) {
          WebSocket s = ar.result();
          open.add(s);
          s.closeHandler(v -> closedByServer++);
        } else {
          failed++;
          if (firstFailure == null) firstFailure = ar.cause().getMessage();
        }
        if (pending.decrementAndGet() == 0) all.complete();
        else connectNext(client, o, next, pending, all);
      });
    }

    int stillOpen() {
      return open.size() - closedByServer;
    }

    void close() {
      for (WebSocket s : open) s.close();
    }

    JsonObject toJson() {
      JsonObject j = new JsonObject().put("requested", requested).put("connected", open.size()).put("failed", failed)
          .put("connectMs", millis);
      if (firstFailure != null) j.put("firstFailure", firstFailure);
      return j;
    }
  }

  // ---- one shopper ----

  /** One chatting client. Confined to the client's event loop. */
  private static final class Shopper {
    private final Vertx vertx;
    private final WebSocketClient client;
    private final Options o;
    private final LoadMessages messages;
    private final Random random;
    private final LoadStats stats;
    private final AtomicInteger skipped;
    private final long countFrom;
    private final long end;
    private final int index;
    private WebSocket ws;
    private List<String> script = List.of();
    private int position;
    /** Send time of the turn in flight, or -1. */
    private long sent = -1;
    private boolean gotResults;
    private boolean gotToken;
    private long timeoutTimer = -1;
    private volatile boolean inFlight;

    Shopper(Vertx vertx, WebSocketClient client, Options o, LoadMessages messages, Random random, LoadStats stats,
        AtomicInteger skipped, long countFrom, long end, int index) {
      this.vertx = vertx;
      this.client = client;
      this.o = o;
      this.messages = messages;
      this.random = random;
      this.stats = stats;
      this.skipped = skipped;
      this.countFrom = countFrom;
      this.end = end;
      this.index = index;
    }

    boolean inFlight() {
      return inFlight;
    }

    void begin() {
      if (o.rate() > 0) {
        long periodMs = Math.max(1, Math.round(o.shoppers() / o.rate() * 1000));
        // spread the shoppers' first sends over one period so the load is even, not bursty
        long offset = 1 + (long) ((double) index / o.shoppers() * periodMs);
        vertx.setTimer(offset, t -> {
          tick();
          vertx.setPeriodic(periodMs, id -> {
            if (System.nanoTime() >= end) vertx.cancelTimer(id);
            else tick();
          });
        });
      } else {
        next();
      }
    }

    /** Open loop: send now unless the last turn is still running. */
    private void tick() {
      if (inFlight) {
        if (System.nanoTime() >= countFrom) skipped.incrementAndGet();
        return;
      }
      next();
    }

    /** Sends the next message of the conversation, first opening a socket for a new one. */
    private void next() {
      if (System.nanoTime() >= end) return;
      inFlight = true;
      if (ws == null || position >= script.size()) {
        if (ws != null) ws.close();
        ws = null;
        script = messages.conversation(random);
        position = 0;
        client.connect(o.port(), o.host(), "/ws/chat").onComplete(ar -> {
          if (ar.failed()) {
            if (System.nanoTime() >= countFrom) stats.error("connect_failed");
            inFlight = false;
            vertx.setTimer(100, t -> afterTurn()); // do not spin on a refusing server
            return;
          }
          ws = ar.result();
          WebSocket mine = ws;
          mine.textMessageHandler(text -> onEvent(mine, text));
          mine.closeHandler(v -> onClosed(mine));
          send();
        });
      } else {
        send();
      }
    }

    private void send() {
      String text = script.get(position++);
      sent = System.nanoTime();
      gotResults = false;
      gotToken = false;
      WebSocket mine = ws;
      timeoutTimer = vertx.setTimer((long) (o.turnTimeout() * 1000), t -> {
        if (mine != ws || sent < 0) return;
        turnFailed("client_timeout");
        mine.close();
        ws = null;
      });
      ws.writeTextMessage(new JsonObject().put("type", "message").put("text", text).encode());
    }

    private void onEvent(WebSocket from, String text) {
      if (from != ws || sent < 0) return;
      long now = System.nanoTime();
      boolean counted = sent >= countFrom;
      switch (eventType(text)) {
        case "results" -> {
          if (!gotResults && counted) stats.results.add((now - sent) / 1e6);
          gotResults = true;
        }
        case "token" -> {
          if (!gotToken && counted) stats.firstToken.add((now - sent) / 1e6);
          gotToken = true;
        }
        case "done" -> {
          if (counted && now <= end) {
            stats.done.add((now - sent) / 1e6);
            stats.completed();
          }
          turnEnded();
        }
        case "error" -> {
          String code = new JsonObject(text).getString("code", "unknown");
          if (counted) stats.error(code);
          // not_saved is followed by the turn's done; every other error ends the turn
          if (!code.equals(ErrorCode.NOT_SAVED.wire())) turnEnded();
        }
        default -> { } // conversation, understanding, comparison
      }
    }

    private void onClosed(WebSocket which) {
      if (which != ws) return;
      ws = null;
      if (sent >= 0) turnFailed("connection_closed");
    }

    private void turnFailed(String code) {
      if (sent >= countFrom) stats.error(code);
      turnEnded();
    }

    private void turnEnded() {
      vertx.cancelTimer(timeoutTimer);
      sent = -1;
      inFlight = false;
      afterTurn();
    }

    private void afterTurn() {
      if (o.rate() <= 0) next(); // closed loop: straight on; open loop waits for its tick
    }
  }

  private static final String TYPE_FIRST = "{\"type\":\"";

  /**
   * An event's {@code type}: read from the start of its text when it begins {@code {"type":"}
   * followed by a plain name (every event this server sends does), else from the whole text parsed.
   * A results event is tens of kilobytes; the client, on the same cores as the server, would
   * otherwise parse every one of them only to read its first member.
   */
  static String eventType(String text) {
    if (text.startsWith(TYPE_FIRST)) {
      int from = TYPE_FIRST.length();
      int to = from;
      while (to < text.length() && (Character.isLetterOrDigit(text.charAt(to)) || text.charAt(to) == '_')) to++;
      if (to > from && to < text.length() && text.charAt(to) == '"') return text.substring(from, to);
    }
    return new JsonObject(text).getString("type", "");
  }

  // ---- server process: RSS and CPU from /proc ----

  /** The server's process as /proc shows it; {@code pid} -1 when it could not be found. */
  record ServerProcess(long pid, boolean inProcess, Path databaseDir) {
    ServerProcess(long pid, boolean inProcess) {
      this(pid, inProcess, null);
    }

    static ServerProcess self() {
      return new ServerProcess(ProcessHandle.current().pid(), true);
    }

    /** This process, with the embedded PostgreSQL whose processes run in {@code databaseDir} (their CPU counted apart). */
    static ServerProcess self(Path databaseDir) {
      return new ServerProcess(ProcessHandle.current().pid(), true, databaseDir);
    }

    /** The process listening on {@code port}, found through /proc/net/tcp and the processes' sockets. */
    static ServerProcess listening(int port) {
      String hexPort = String.format("%04X", port);
      List<String> inodes = new ArrayList<>();
      for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
        try {
          for (String line : Files.readAllLines(Path.of(table))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 9 && f[1].endsWith(":" + hexPort) && f[3].equals("0A")) inodes.add("socket:[" + f[9] + "]");
          }
        } catch (IOException | RuntimeException e) {
          // not Linux, or not readable: no server metrics
        }
      }
      if (inodes.isEmpty()) return new ServerProcess(-1, false);
      try (var procs = Files.list(Path.of("/proc"))) {
        for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
          try (var fds = Files.list(proc.resolve("fd"))) {
            for (Path fd : fds.toList()) {
              if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                return new ServerProcess(Long.parseLong(proc.getFileName().toString()), false);
              }
            }
          } catch (IOException | RuntimeException e) {
            // another user's process, or it just exited
          }
        }
      } catch (IOException e) {
        // no /proc
      }
      return new ServerProcess(-1, false);
    }

    /**
     * CPU seconds (less the bench's client thread when in process) and RSS now; of that CPU, the
     * JIT compiler threads' and the garbage collector's (HotSpot's thread names, from
     * /proc/PID/task); and the embedded database's processes' CPU (-1 when not known), which is
     * not part of {@code cpuSeconds}.
     */
    record Usage(double cpuSeconds, long rssKb, long peakRssKb, double jitSeconds, double gcSeconds, double databaseSeconds) {
      static JsonObject delta(ServerProcess p, Usage a, Usage b, double seconds) {
        JsonObject j = new JsonObject().put("pid", p.pid()).put("inProcess", p.inProcess());
        if (p.pid() < 0 || a == null || b == null) return j.put("note", "server process not found; no RSS or CPU");
        double cpu = b.cpuSeconds() - a.cpuSeconds();
        j.put("rssMb", b.rssKb() / 1024).put("peakRssMb", b.peakRssKb() / 1024)
            .put("cpuSeconds", LoadStats.round(cpu)).put("coresBusy", LoadStats.round(cpu / seconds))
            .put("cores", Runtime.getRuntime().availableProcessors())
            .put("cpuNote", p.inProcess() ? "process CPU less the bench client's event-loop thread" : "server process CPU")
            .put("jitCpuSeconds", LoadStats.round(b.jitSeconds() - a.jitSeconds()))
            .put("gcCpuSeconds", LoadStats.round(b.gcSeconds() - a.gcSeconds()));
        if (a.databaseSeconds() >= 0 && b.databaseSeconds() >= 0) {
          j.put("databaseCpuSeconds", LoadStats.round(b.databaseSeconds() - a.databaseSeconds()));
        }
        return j;
      }
    }

    /** CPU seconds of this process's JIT compiler threads and of its garbage collector threads, by thread name. */
    private double[] jitAndGc() {
      double jit = 0;
      double gc = 0;
      try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
        for (Path task : tasks.toList()) {
          try {
            String stat = Files.readString(task.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            double cpu = cpuSeconds(stat);
            if (name.contains("CompilerThre")) jit += cpu;
            else if (name.equals("VM Thread") || name.startsWith("GC Thread") || name.startsWith("G1 ")) gc += cpu;
          } catch (IOException | RuntimeException e) {
            // the thread just ended
          }
        }
      } catch (IOException | RuntimeException e) {
        // no /proc
      }
      return new double[] {jit, gc};
    }

    /** CPU seconds of the PostgreSQL processes (postmaster and backends) running in {@link #databaseDir}; -1 unknown. */
    private double databaseCpu() {
      if (databaseDir == null) return -1;
      double cpu = 0;
      try (var procs = Files.list(Path.of("/proc"))) {
        for (Path proc : procs.filter(x -> x.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
          try {
            String stat = Files.readString(proc.resolve("stat"));
            if (!stat.contains("(postgres)")) continue;
            if (Files.readSymbolicLink(proc.resolve("cwd")).startsWith(databaseDir)) cpu += cpuSeconds(stat);
          } catch (IOException | RuntimeException e) {
            // another user's process, or it just exited
          }
        }
      } catch (IOException e) {
        return -1;
      }
      return cpu;
    }

    /** utime + stime of a /proc stat line, in seconds (USER_HZ is 100 on Linux). */
    private static double cpuSeconds(String stat) {
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    Usage usage(long clientThreadId) {
      if (pid < 0) return null;
      try {
        double cpu = cpuSeconds(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
        if (inProcess) {
          long client = ManagementFactory.getThreadMXBean().getThreadCpuTime(clientThreadId);
          if (client > 0) cpu -= client / 1e9;
        }
        long rss = 0;
        long peak = 0;
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
          if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.replaceAll("\\D", ""));
          if (line.startsWith("VmHWM:")) peak = Long.parseLong(line.replaceAll("\\D", ""));
        }
        double[] jitGc = jitAndGc();
        return new Usage(cpu, rss, peak, jitGc[0], jitGc[1], databaseCpu());
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }
  }

  // ---- report ----

  static String describe(JsonObject r) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("bench load: %s, %d products, %d shoppers (%s), %.0f s after %.0f s warm-up%n",
        r.getString("server"), r.getInteger("catalogProducts"), r.getInteger("shoppers"), r.getString("mode"),
        r.getDouble("seconds"), r.getDouble("warmupSeconds")));
    JsonObject idle = r.getJsonObject("idle");
    if (idle.getInteger("requested") > 0) {
      out.append(String.format("  idle sockets: %d of %d connected in %d ms, %d failed, %d still open at the end%n",
          idle.getInteger("connected"), idle.getInteger("requested"), idle.getLong("connectMs"), idle.getInteger("failed"),
          idle.getInteger("stillOpenAtEnd")));
    }
    JsonObject s = r.getJsonObject("search");
    out.append(String.format("  /api/search yardstick (after the chat): %.1f requests/s with %d clients, %s ms CPU each, %s, errors %s%n",
        s.getDouble("requestsPerSecond"), s.getInteger("clients"), s.getValue("serverCpuMsPerRequest"),
        latency(s.getJsonObject("latencyMs")), s.getJsonObject("errors", new JsonObject()).encode()));
    out.append(String.format("  turns: %d, %.1f turns/s; skipped sends (open loop) %d%n", r.getLong("turns"),
        r.getDouble("turnsPerSecond"), r.getInteger("skippedSends")));
    JsonObject lat = r.getJsonObject("latencyMs");
    for (String m : List.of("results", "firstToken", "done")) {
      out.append(String.format("  %-11s %s%n", m, latency(lat.getJsonObject(m))));
    }
    out.append("  errors: ").append(r.getJsonObject("errors").isEmpty() ? "none" : r.getJsonObject("errors").encode()).append('\n');
    JsonObject p = r.getJsonObject("serverProcess");
    if (p.containsKey("rssMb")) {
      out.append(String.format("  server: RSS %d MB (peak %d MB), CPU %.1f s = %.2f of %d cores, %s ms per turn (%s)%n", p.getLong("rssMb"),
          p.getLong("peakRssMb"), p.getDouble("cpuSeconds"), p.getDouble("coresBusy"), p.getInteger("cores"),
          p.getValue("cpuMsPerTurn"), p.getString("cpuNote")));
      if (p.containsKey("cpuMsPerTurnLessJit")) {
        out.append(String.format("  of which JIT compiling %s ms, GC %s ms per turn: %s ms per turn without the JIT; database processes %s ms per turn besides%n",
            p.getValue("jitCpuMsPerTurn"), p.getValue("gcCpuMsPerTurn"), p.getValue("cpuMsPerTurnLessJit"),
            p.getValue("databaseCpuMsPerTurn", "(not measured)")));
      }
    } else {
      out.append("  server: ").append(p.getString("note")).append('\n');
    }
    out.append("  ratios to /api/search: ").append(r.getJsonObject("ratios").encode()).append('\n');
    out.append("  load average: ").append(r.getString("loadAverageAtStart")).append(" at start, ")
        .append(r.getString("loadAverageAtEnd")).append(" at end");
    return out.toString();
  }

  private static String latency(JsonObject l) {
    return String.format("n %d, p50 %s / p95 %s / p99 %s / max %s ms", l.getInteger("n"), l.getValue("p50"),
        l.getValue("p95"), l.getValue("p99"), l.getValue("max"));
  }

  private static JsonObject errors(LoadStats stats) {
    JsonObject j = new JsonObject();
    stats.errors().forEach(j::put);
    return j;
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) TimeUnit.NANOSECONDS.sleep(Math.min(left, 200_000_000L));
  }
}
