package dev.glasscart.storage;

import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shared PostgreSQL for tests: one embedded PostgreSQL 18 per test JVM, started lazily on first use
 * (a few seconds, once), fsync off, throw-away data directory under {@code java.io.tmpdir}, stopped
 * by zonky's shutdown hook. Each call to {@link #create} makes a brand-new empty database on it, so
 * test classes never see each other's rows.
 *
 * <p>Typical use in a test class (setup runs on the JUnit thread, not an event loop):
 *
 * <pre>{@code
 * static Vertx vertx = Vertx.vertx();
 * static Database db;
 * @BeforeAll static void setUp() { db = TestDatabase.createMigrated(vertx); }
 * @AfterAll static void tearDown() { db.close().await(); vertx.close().await(); }
 * // new PgCatalogRepository(db.pool()), new PgConversationRepository(db.pool()), ...
 * }</pre>
 *
 * <p>Blocking; thread-safe.
 */
public final class TestDatabase {

  private static final AtomicInteger NEXT = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestDatabase() {}

  /** The shared server, started on first call. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(tmp);
        server = EmbeddedPostgres.builder()
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .setServerConfig("max_connections", "100")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the shared test PostgreSQL", e);
      }
    }
    return server;
  }

  /** A URL for a new, empty database on the shared server. */
  public static String freshDatabaseUrl() {
    EmbeddedPostgres pg = server();
    String name = "test_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
    try {
      Database.createDatabaseIfMissing(pg.getPort(), name, null); // the shared test server trusts local connections
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return "postgresql://postgres@localhost:" + pg.getPort() + "/" + name;
  }

  /** A {@link Database} on a new, empty database (no schema yet). Close it when done. */
  public static Database create(Vertx vertx) {
    return Database.external(vertx, freshDatabaseUrl());
  }

  /** A {@link Database} on a new database with every migration applied. Close it when done. */
  public static Database createMigrated(Vertx vertx) {
    Database db = create(vertx);
    db.migrate().await();
    return db;
  }
}
