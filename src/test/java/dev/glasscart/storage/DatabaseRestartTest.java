package dev.glasscart.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Product;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
final class DatabaseRestartTest {

  private static Path freshDataDir(String name) throws IOException {
    Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    return Files.createTempDirectory(tmp, name);
  }

  private static final Product BOOT = new Product("boot-1", "Merrell Moab 3 Waterproof Hiking Boot - Men's, Brown",
      "", "Merrell", "hiking boots", 119.99, "USD", 4.6, 812, List.of("hiking"), Map.of("colour", "brown"), 4,
      List.of("Kept my feet dry."), null);

  @Test
  void should_keep_data_and_schema_across_an_embedded_restart(Vertx vertx) throws IOException {
    // Given an embedded database with a migrated schema and one product
    Path dataDir = freshDataDir("persist");
    Database first = Database.start(vertx, dataDir, null).await(); // durable, migrated, off the event loop
    assertTrue(first.isEmbedded());
    new PgCatalogRepository(first.pool()).replaceAll(List.of(BOOT)).await();
    first.close().await();

    // When starting a new embedded server on the same data directory
    Database second = Database.embedded(vertx, dataDir, false);
    try {
      int migrated = second.migrate().await();

      // Then the data is still there and no migration runs again
      assertTrue(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION")));
      assertEquals(0, migrated);
      assertEquals(List.of(BOOT), new PgCatalogRepository(second.pool()).load().await().products());
    } finally {
      second.close().await();
    }
  }

  @Test
  void should_create_the_application_database_when_a_launched_start_finds_it_missing(Vertx vertx) throws Exception {
    // Given a data dir whose cluster lacks the application's database (dropped, then the server stopped)
    Path dataDir = freshDataDir("missing-db");
    Database first = Database.embedded(vertx, dataDir, true);
    try {
      EmbeddedPostgresServer pg = first.embeddedServer().orElseThrow();
      java.util.Properties login = new java.util.Properties();
      login.setProperty("user", "postgres");
      login.setProperty("password", pg.password().orElseThrow());
      try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.port() + "/postgres", login);
          java.sql.Statement st = c.createStatement()) {
        st.execute("DROP DATABASE " + Database.EMBEDDED_DATABASE + " WITH (FORCE)");
      }
    } finally {
      first.close().await();
    }

    // When it starts as a server starts: launched before Vert.x, connected to afterwards
    Database second = Database.start(vertx, Database.launch(dataDir, null)).await();
    try {
      // Then the database was created, migrated and durable
      assertTrue(second.durability().orElseThrow().problems().isEmpty(), second.durability().toString());
      assertEquals(List.of(), new PgCatalogRepository(second.pool()).load().await().products());
    } finally {
      second.close().await();
    }
  }

  @Test
  void should_fail_clearly_while_the_server_is_down_and_recover_after(Vertx vertx) throws IOException {
    // Given a pool connected to a server on a fixed port, with some data
    Path pgData = freshDataDir("restart").resolve("postgres");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start(pgData, false, port);
    Database db = Database.external(vertx, "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres&password="
        + server.password().orElseThrow());
    try {
      db.migrate().await();
      PgCatalogRepository repository = new PgCatalogRepository(db.pool());
      repository.replaceAll(List.of(BOOT)).await();

      // When the server stops
      server.close();

      // Then queries fail with an error naming the cause
      Throwable down = assertThrows(IllegalStateException.class, () -> repository.count().await());
      assertTrue(down.getMessage().startsWith("cannot count the catalog: Connection refused"), down.getMessage());

      // And when it comes back on the same port and data, the same pool works again
      server = EmbeddedPostgresServer.start(pgData, false, port);
      assertEquals(1, repository.count().await());
      assertEquals(List.of(BOOT), repository.load().await().products());
    } finally {
      db.close().await();
      server.close();
    }
  }
}
