package dev.glasscart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.CatalogImporter;
import dev.glasscart.catalog.ImportResult;
import dev.glasscart.catalog.Product;
import dev.glasscart.storage.Database;
import dev.glasscart.storage.PgCatalogRepository;
import dev.glasscart.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A restart on an unchanged catalog file loads the catalog from the snapshot the first start
 * wrote instead of parsing the file, and serves and stores exactly what parsing gives; a file
 * changed in place (same size and time) is parsed again. Real servers, real PostgreSQL.
 */
final class CatalogSnapshotRestartTest {

  private static String row(String id, String title, double price) {
    return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"brand\":\"Hearth\",\"category\":\"kettles\",\"price\":" + price
        + ",\"rating\":4.2,\"reviewCount\":7,\"tags\":[\"tea\"],\"attributes\":{\"material\":\"steel\",\"colour\":\"红\"},"
        + "\"reviews\":[\"boils fast\"]}";
  }

  /** The stored catalog's digest and time, read with the server stopped. */
  private static String storedSource(Path dataDir) {
    Vertx vertx = Vertx.vertx();
    Database db = Database.embedded(vertx, dataDir, false);
    try {
      for (Row r : db.pool().query("SELECT digest, stored_at::text FROM catalog_source").execute().await()) {
        return r.getString(0) + "@" + r.getString(1);
      }
      return "";
    } finally {
      db.close().await();
      vertx.close().await();
    }
  }

  /** Starts on {@code file} and stops; returns the catalog served and the start's snapshot log lines. */
  private static List<Product> run(Path dataDir, Path file, List<String> notes) throws Exception {
    List<String> lines = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getMessage() != null && r.getMessage().startsWith("catalog snapshot")) lines.add(r.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger log = Logger.getLogger(Glasscart.class.getName());
    log.addHandler(capture);
    try (Glasscart app = Glasscart.start(TestApp.config(dataDir).toBuilder().catalogFile(file).build(), false)) {
      return app.catalog().products();
    } finally {
      log.removeHandler(capture);
      notes.clear();
      notes.addAll(lines);
    }
  }

  @Test
  void should_restart_from_the_snapshot_of_an_unchanged_file_and_parse_a_changed_one() throws Exception {
    // Given a server that started once on a catalog file (with a bad row)
    Path dataDir = TestApp.freshDataDir("catalog-snapshot");
    Path file = dataDir.resolve("shop.jsonl");
    Files.writeString(file, String.join("\n", row("k1", "Copper Kettle", 49.5), row("k2", "Steel Kettle", 39),
        "{\"id\":\"k3\",\"price\":5}", row("m1", "Ceramic Mug", 9)));
    List<String> notes = new ArrayList<>();
    ImportResult parsed = CatalogImporter.read(file);
    List<Product> first = run(dataDir, file, notes);
    assertEquals(parsed.products(), first);
    assertTrue(notes.get(0).contains("not used (none yet)"), notes.toString());
    assertTrue(notes.stream().anyMatch(n -> n.startsWith("catalog snapshot written")), notes.toString());
    Path snapshot = dataDir.resolve(Glasscart.CATALOG_SNAPSHOT);
    assertTrue(Files.isRegularFile(snapshot));
    String stored = storedSource(dataDir);
    assertEquals(PgCatalogRepository.digest(parsed.products()), stored.substring(0, stored.indexOf('@')));
    byte[] written = Files.readAllBytes(snapshot);

    // When it restarts on the same data dir and file
    List<Product> second = run(dataDir, file, notes);

    // Then the catalog came from the snapshot (left as it was), is the file's, and was not stored again
    assertEquals(1, notes.size(), notes.toString());
    assertTrue(notes.get(0).contains(" used: 3 products, 1 skipped rows"), notes.toString());
    assertEquals(parsed.products(), second);
    assertTrue(java.util.Arrays.equals(written, Files.readAllBytes(snapshot)));
    assertEquals(stored, storedSource(dataDir), "same digest, not stored again");

    // When the file changes in place with the same size and time, and it restarts
    FileTime time = Files.getLastModifiedTime(file);
    String edited = Files.readString(file).replace("49.5", "44.5");
    Files.writeString(file, edited);
    Files.setLastModifiedTime(file, time);
    List<Product> third = run(dataDir, file, notes);

    // Then the file was parsed again, its new price served and stored, and the snapshot rewritten
    assertTrue(notes.get(0).contains("content changed"), notes.toString());
    assertEquals(CatalogImporter.read(file).products(), third);
    assertEquals(44.5, third.get(0).price());
    String restored = storedSource(dataDir);
    assertNotEquals(stored, restored);
    assertEquals(PgCatalogRepository.digest(third), restored.substring(0, restored.indexOf('@')));
    assertFalse(java.util.Arrays.equals(written, Files.readAllBytes(snapshot)));
    assertEquals(third, run(dataDir, file, notes));
    assertTrue(notes.get(0).contains(" used: "), notes.toString());
  }
}
