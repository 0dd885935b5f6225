package dev.glasscart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.storage.Database;
import dev.glasscart.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code serve --catalog FILE} stores the file's products only when the stored catalog is not
 * already exactly them: a restart with the same file leaves the table alone, a changed file and
 * a catalog changed live since are stored again.
 */
final class CatalogReimportTest {

  private static String row(String id, String title, double price) {
    return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"brand\":\"Hearth\",\"category\":\"kettles\",\"price\":" + price
        + ",\"rating\":4.2,\"reviewCount\":7}";
  }

  /** The stored products as {@code id@updated_at} in catalog order, read with the server stopped. */
  private static List<String> stored(Path dataDir) {
    Vertx vertx = Vertx.vertx();
    Database db = Database.embedded(vertx, dataDir, false);
    try {
      List<String> out = new ArrayList<>();
      for (Row r : db.pool().query("SELECT id, updated_at::text FROM products ORDER BY position").execute().await()) {
        out.add(r.getString(0) + "@" + r.getString(1));
      }
      return out;
    } finally {
      db.close().await();
      vertx.close().await();
    }
  }

  private static List<String> ids(List<String> stored) {
    return stored.stream().map(s -> s.substring(0, s.indexOf('@'))).toList();
  }

  private static Glasscart start(Path dataDir, Path file) throws Exception {
    return Glasscart.start(TestApp.config(dataDir).toBuilder().catalogFile(file).build(), false);
  }

  @Test
  void should_store_a_catalog_file_again_only_when_it_or_the_stored_catalog_changed() throws Exception {
    // Given a data dir that imported a catalog file
    Path dataDir = TestApp.freshDataDir("reimport");
    Path file = dataDir.resolve("shop.jsonl");
    Files.writeString(file, String.join("\n", row("k1", "Copper Kettle", 49.5), row("k2", "Steel Kettle", 39)));
    try (Glasscart app = start(dataDir, file)) {
      assertEquals(2, app.catalogSize());
    }
    List<String> first = stored(dataDir);
    assertEquals(List.of("k1", "k2"), ids(first));

    // When it restarts with the same file
    try (Glasscart app = start(dataDir, file)) {
      assertEquals(2, app.catalogSize());
    }
    // Then the stored rows were left as they were (same update times)
    assertEquals(first, stored(dataDir));

    // When the file changes (a price) and it restarts
    Files.writeString(file, String.join("\n", row("k1", "Copper Kettle", 44.5), row("k2", "Steel Kettle", 39)));
    try (Glasscart app = start(dataDir, file)) {
      assertEquals(2, app.catalogSize());
    }
    // Then the catalog was stored again
    List<String> changed = stored(dataDir);
    assertEquals(List.of("k1", "k2"), ids(changed));
    assertNotEquals(first, changed);

    // When a product is deleted live and the server restarts with the same file
    try (Glasscart app = start(dataDir, file)) {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://localhost:" + app.port() + "/api/catalog/products/k2"))
          .header("Authorization", "Bearer " + TestApp.AGENT_TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
      assertEquals(1, app.catalogSize());
    }
    assertEquals(List.of("k1"), ids(stored(dataDir)));
    try (Glasscart app = start(dataDir, file)) {
      // Then the file's catalog is served and stored whole again: the live change had made the stored one differ
      assertEquals(2, app.catalogSize());
    }
    List<String> again = stored(dataDir);
    assertEquals(List.of("k1", "k2"), ids(again));
    assertNotEquals(changed, again);
  }

  @Test
  void should_know_the_catalog_it_stored_at_start_as_its_own_change_and_not_load_it_back() throws Exception {
    // Given a server that stored a catalog file on a fresh data dir
    Path dataDir = TestApp.freshDataDir("reimport-own");
    Path file = dataDir.resolve("shop.jsonl");
    Files.writeString(file, String.join("\n", row("k1", "Copper Kettle", 49.5), row("k2", "Steel Kettle", 39)));
    List<String> followed = new ArrayList<>();
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord r) {
        if (r.getMessage() != null && r.getMessage().startsWith("followed")) followed.add(r.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    java.util.logging.Logger log = java.util.logging.Logger.getLogger(LiveCatalog.class.getName());
    log.addHandler(capture);
    try (Glasscart app = start(dataDir, file)) {
      dev.glasscart.catalog.Catalog served = app.catalog();
      // When it catches up with the stored changes (as a notification or the periodic check makes it)
      app.live().changed();
      app.live().appliedVersion().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
      // Then its own import is not taken for another server's: the catalog is not read back
      assertTrue(served == app.catalog(), "the catalog served is still the one read from the file");
      assertEquals(List.of(), followed);
    } finally {
      log.removeHandler(capture);
    }
  }
}
